<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../camera_dialog.py" line="24"/>
        <source>Edit camera</source>
        <translation>Editar câmera</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="24"/>
        <source>Add camera</source>
        <translation>Adicionar câmera</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="29"/>
        <source>optional, for the live grid</source>
        <translation>opcional, para o mosaico ao vivo</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="33"/>
        <source>unchanged</source>
        <translation>sem alteração</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="35"/>
        <source>Plan default ({n} days)</source>
        <translation>Padrão do plano ({n} dias)</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="35"/>
        <source>Plan default</source>
        <translation>Padrão do plano</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="37"/>
        <source>Keep for…</source>
        <translation>Manter por…</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="38"/>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="41"/>
        <source>Record this camera</source>
        <translation>Gravar esta câmera</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="44"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="45"/>
        <source>Main stream (RTSP URL)</source>
        <translation>Stream principal (URL RTSP)</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="46"/>
        <source>Substream (RTSP URL)</source>
        <translation>Substream (URL RTSP)</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="47"/>
        <source>Username</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="48"/>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="52"/>
        <source>Keep recordings</source>
        <translation>Manter gravações</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="55"/>
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="92"/>
        <source>{what}: this is not a valid address</source>
        <translation>{what}: este não é um endereço válido</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="94"/>
        <source>{what} must start with rtsp://</source>
        <translation>{what} deve começar com rtsp://</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="96"/>
        <source>{what} has no camera address (host)</source>
        <translation>{what} não tem o endereço da câmera (host)</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="103"/>
        <source>Give the camera a name</source>
        <translation>Dê um nome à câmera</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="105"/>
        <source>Enter the camera&apos;s RTSP address</source>
        <translation>Informe o endereço RTSP da câmera</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="107"/>
        <source>Main stream</source>
        <translation>Stream principal</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="109"/>
        <source>Substream</source>
        <translation>Substream</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="111"/>
        <source>A password needs a username</source>
        <translation>Uma senha precisa de um usuário</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="133"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="143"/>
        <source>Connected: {what}</source>
        <translation>Conectado: {what}</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="146"/>
        <location filename="../camera_dialog.py" line="152"/>
        <source>Failed: {why}</source>
        <translation>Falhou: {why}</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="175"/>
        <source>Not saved: {why}</source>
        <translation>Não salvo: {why}</translation>
    </message>
</context>
<context>
    <name>EventKind</name>
    <message>
        <location filename="../timeline.py" line="24"/>
        <source>camera offline</source>
        <translation>câmera offline</translation>
    </message>
    <message>
        <location filename="../timeline.py" line="25"/>
        <source>recording error</source>
        <translation>erro de gravação</translation>
    </message>
    <message>
        <location filename="../timeline.py" line="26"/>
        <source>motion</source>
        <translation>movimento</translation>
    </message>
    <message>
        <location filename="../timeline.py" line="27"/>
        <source>licence plate</source>
        <translation>placa</translation>
    </message>
    <message>
        <location filename="../timeline.py" line="28"/>
        <source>person</source>
        <translation>pessoa</translation>
    </message>
    <message>
        <location filename="../timeline.py" line="29"/>
        <source>vehicle</source>
        <translation>veículo</translation>
    </message>
</context>
<context>
    <name>LiveGrid</name>
    <message>
        <location filename="../grid.py" line="27"/>
        <source>No cameras yet. Use Cameras → Add camera… to add the first one.</source>
        <translation>Nenhuma câmera ainda. Use Câmeras → Adicionar câmera… para adicionar a primeira.</translation>
    </message>
</context>
<context>
    <name>LiveTile</name>
    <message>
        <location filename="../tile.py" line="119"/>
        <source>Recording</source>
        <translation>Gravando</translation>
    </message>
    <message>
        <location filename="../tile.py" line="119"/>
        <source>Not recording</source>
        <translation>Não está gravando</translation>
    </message>
    <message>
        <location filename="../tile.py" line="132"/>
        <source>starting…</source>
        <translation>iniciando…</translation>
    </message>
    <message>
        <location filename="../tile.py" line="132"/>
        <source>connecting…</source>
        <translation>conectando…</translation>
    </message>
    <message>
        <location filename="../tile.py" line="133"/>
        <source>reconnecting…</source>
        <translation>reconectando…</translation>
    </message>
    <message>
        <location filename="../tile.py" line="133"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../tile.py" line="134"/>
        <source>recording off</source>
        <translation>gravação desligada</translation>
    </message>
    <message>
        <location filename="../tile.py" line="134"/>
        <source>stopped</source>
        <translation>parada</translation>
    </message>
    <message>
        <location filename="../tile.py" line="138"/>
        <source>Recording is switched off for this camera</source>
        <translation>A gravação está desligada para esta câmera</translation>
    </message>
    <message>
        <location filename="../tile.py" line="139"/>
        <source>Camera offline</source>
        <translation>Câmera offline</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="57"/>
        <location filename="../main_window.py" line="185"/>
        <location filename="../main_window.py" line="226"/>
        <source>VMS Desktop</source>
        <translation>VMS Desktop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="72"/>
        <source>Connecting to the recorder…</source>
        <translation>Conectando ao gravador…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="85"/>
        <source>&amp;Site</source>
        <translation>&amp;Local</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86"/>
        <source>Settings…</source>
        <translation>Configurações…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="88"/>
        <source>Close window (keep recording)</source>
        <translation>Fechar janela (continuar gravando)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="89"/>
        <location filename="../main_window.py" line="116"/>
        <source>Quit and stop recording…</source>
        <translation>Sair e parar a gravação…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90"/>
        <source>&amp;Cameras</source>
        <translation>&amp;Câmeras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="91"/>
        <source>Add camera…</source>
        <translation>Adicionar câmera…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="92"/>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95"/>
        <location filename="../main_window.py" line="281"/>
        <source>Automatic layout</source>
        <translation>Layout automático</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="102"/>
        <source>Next page</source>
        <translation>Próxima página</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="103"/>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104"/>
        <source>Full screen</source>
        <translation>Tela cheia</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="105"/>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="106"/>
        <location filename="../main_window.py" line="289"/>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107"/>
        <location filename="../main_window.py" line="307"/>
        <source>About VMS Desktop</source>
        <translation>Sobre o VMS Desktop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="115"/>
        <source>Show window</source>
        <translation>Mostrar janela</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="144"/>
        <source>Recording {n} of {m} cameras</source>
        <translation>Gravando {n} de {m} câmeras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="146"/>
        <source>offline: {names}</source>
        <translation>offline: {names}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="152"/>
        <source>Disk {pct:.0f}% used · recordings {size} · {free} free</source>
        <translation>Disco {pct:.0f}% usado · gravações {size} · {free} livres</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177"/>
        <source>Recorder problem: {why}</source>
        <translation>Problema no gravador: {why}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="212"/>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <location filename="../main_window.py" line="253"/>
        <source>Stop recording</source>
        <translation>Parar gravação</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217"/>
        <source>Start recording</source>
        <translation>Iniciar gravação</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219"/>
        <source>Remove…</source>
        <translation>Remover…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="245"/>
        <source>Remove camera</source>
        <translation>Remover câmera</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="246"/>
        <source>Remove camera “{name}”? Recording stops; its recordings stay until retention removes them, and its clips are kept.</source>
        <translation>Remover a câmera “{name}”? A gravação para; as gravações ficam até a retenção apagá-las, e os clipes são mantidos.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="254"/>
        <source>Stop recording every camera and quit? Nothing will be recorded until VMS Desktop is started again.</source>
        <translation>Parar a gravação de todas as câmeras e sair? Nada será gravado até o VMS Desktop ser aberto de novo.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="258"/>
        <source>Stopping the recorder…</source>
        <translation>Parando o gravador…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="264"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="267"/>
        <source>System language</source>
        <translation>Idioma do sistema</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="273"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>Full screen on / off</source>
        <translation>Liga / desliga tela cheia</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>Layout 1×1 to 4×4</source>
        <translation>Layout 1×1 a 4×4</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281"/>
        <source>Next / previous page of cameras</source>
        <translation>Próxima / anterior página de câmeras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="282"/>
        <source>Enter / double-click</source>
        <translation>Enter / duplo clique</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="282"/>
        <source>Open the selected camera</source>
        <translation>Abrir a câmera selecionada</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="283"/>
        <source>Close the camera view</source>
        <translation>Fechar a visão da câmera</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="283"/>
        <source>Drag a tile</source>
        <translation>Arrastar um quadro</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="283"/>
        <source>Swap two cameras</source>
        <translation>Trocar duas câmeras de lugar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="284"/>
        <source>Add a camera</source>
        <translation>Adicionar uma câmera</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="284"/>
        <source>This list</source>
        <translation>Esta lista</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="285"/>
        <source>Close the window (recording goes on)</source>
        <translation>Fechar a janela (a gravação continua)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="292"/>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="292"/>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="308"/>
        <source>VMS Desktop {version}
libVLC {vlc}
Data: {data}</source>
        <translation>VMS Desktop {version}
libVLC {vlc}
Dados: {data}</translation>
    </message>
</context>
<context>
    <name>PlaybackEngine</name>
    <message>
        <location filename="../playback.py" line="84"/>
        <source>Nothing recorded after {t}</source>
        <translation>Nada gravado depois de {t}</translation>
    </message>
    <message>
        <location filename="../playback.py" line="87"/>
        <location filename="../playback.py" line="213"/>
        <location filename="../playback.py" line="223"/>
        <source>No recording from {a} to {b}: skipped</source>
        <translation>Sem gravação de {a} a {b}: pulado</translation>
    </message>
    <message>
        <location filename="../playback.py" line="143"/>
        <source>The recording from {t} is no longer on disk (removed by retention?)</source>
        <translation>A gravação de {t} não está mais no disco (apagada pela retenção?)</translation>
    </message>
    <message>
        <location filename="../playback.py" line="219"/>
        <source>End of the recordings</source>
        <translation>Fim das gravações</translation>
    </message>
    <message>
        <location filename="../playback.py" line="231"/>
        <source>The recording from {t} cannot be played; going on with the next</source>
        <translation>A gravação de {t} não pode ser reproduzida; seguindo para a próxima</translation>
    </message>
</context>
<context>
    <name>PlayerWindow</name>
    <message>
        <location filename="../player_window.py" line="88"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="92"/>
        <source>Play / pause</source>
        <translation>Reproduzir / pausar</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="103"/>
        <source>Mute</source>
        <translation>Mudo</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="105"/>
        <source>Previous frame</source>
        <translation>Quadro anterior</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="108"/>
        <source>Next frame</source>
        <translation>Próximo quadro</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="111"/>
        <source>Snapshot</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="111"/>
        <source>Save this frame as a picture</source>
        <translation>Salvar este quadro como imagem</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="112"/>
        <source>Full screen</source>
        <translation>Tela cheia</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="114"/>
        <source>◀ Event</source>
        <translation>◀ Evento</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="114"/>
        <source>Previous event</source>
        <translation>Evento anterior</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="116"/>
        <source>Event ▶</source>
        <translation>Evento ▶</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="116"/>
        <source>Next event</source>
        <translation>Próximo evento</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="117"/>
        <source>Now</source>
        <translation>Agora</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="117"/>
        <source>Go to now</source>
        <translation>Ir para agora</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="129"/>
        <source>◀ Previous day</source>
        <translation>◀ Dia anterior</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="129"/>
        <source>Previous day</source>
        <translation>Dia anterior</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="131"/>
        <source>Next day ▶</source>
        <translation>Próximo dia ▶</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="131"/>
        <source>Next day</source>
        <translation>Próximo dia</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="182"/>
        <source>This camera has been removed: no new recordings will appear</source>
        <translation>Esta câmera foi removida: nenhuma gravação nova aparecerá</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="211"/>
        <source>No recording on {day}</source>
        <translation>Nenhuma gravação em {day}</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="228"/>
        <source>Day {n} of {m} available ({plan} plan)</source>
        <translation>Dia {n} de {m} disponíveis (plano {plan})</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="231"/>
        <source>Outside the {m} days kept ({plan} plan)</source>
        <translation>Fora dos {m} dias mantidos (plano {plan})</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="255"/>
        <source>No more events this day</source>
        <translation>Não há mais eventos neste dia</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="278"/>
        <source>The snapshot could not be saved</source>
        <translation>A foto não pôde ser salva</translation>
    </message>
    <message>
        <location filename="../player_window.py" line="280"/>
        <source>Snapshot saved: {path}</source>
        <translation>Foto salva: {path}</translation>
    </message>
</context>
<context>
    <name>RecorderMessage</name>
    <message>
        <location filename="../messages.py" line="18"/>
        <source>wrong username or password</source>
        <translation>usuário ou senha incorretos</translation>
    </message>
    <message>
        <location filename="../messages.py" line="19"/>
        <source>the camera has no stream at this address (check the path in the URL)</source>
        <translation>a câmera não tem stream neste endereço (confira o caminho na URL)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="20"/>
        <source>{host} refused the connection (is the camera on, and the port right?)</source>
        <translation>{host} recusou a conexão (a câmera está ligada e a porta está certa?)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="21"/>
        <source>no answer from {host}</source>
        <translation>sem resposta de {host}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="22"/>
        <source>{host} cannot be reached on the network</source>
        <translation>{host} não pode ser alcançado na rede</translation>
    </message>
    <message>
        <location filename="../messages.py" line="23"/>
        <source>the camera address {host} could not be found</source>
        <translation>o endereço da câmera {host} não foi encontrado</translation>
    </message>
    <message>
        <location filename="../messages.py" line="24"/>
        <source>the recording disk is full</source>
        <translation>o disco de gravação está cheio</translation>
    </message>
    <message>
        <location filename="../messages.py" line="25"/>
        <source>cannot write to the recordings folder (permission denied)</source>
        <translation>não é possível gravar na pasta de gravações (permissão negada)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="26"/>
        <source>the camera closed the connection</source>
        <translation>a câmera fechou a conexão</translation>
    </message>
    <message>
        <location filename="../messages.py" line="27"/>
        <source>the camera&apos;s answer could not be understood (is this an RTSP address?)</source>
        <translation>a resposta da câmera não pôde ser entendida (este é um endereço RTSP?)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28"/>
        <source>the camera stopped sending video</source>
        <translation>a câmera parou de enviar vídeo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="29"/>
        <source>the camera sends no video</source>
        <translation>a câmera não envia vídeo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="31"/>
        <source>the camera sends {codec} video, which cannot be recorded; set the camera to H.264 or H.265</source>
        <translation>a câmera envia vídeo {codec}, que não pode ser gravado; configure a câmera para H.264 ou H.265</translation>
    </message>
    <message>
        <location filename="../messages.py" line="32"/>
        <source>the recorder is not running</source>
        <translation>o gravador não está em execução</translation>
    </message>
</context>
</TS>
