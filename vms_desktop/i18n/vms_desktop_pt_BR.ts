<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AcknowledgeBox</name>
    <message>
        <location filename="../alarms/alarm_windows.py" line="54"/>
        <source>What was done (required)</source>
        <translation>O que foi feito (obrigatório)</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="56"/>
        <source>Acknowledge</source>
        <translation>Reconhecer</translation>
    </message>
</context>
<context>
    <name>AlarmDesk</name>
    <message>
        <location filename="../alarms/desk.py" line="31"/>
        <location filename="../alarms/desk.py" line="39"/>
        <source>Open the alarm queue</source>
        <translation>Abrir a fila de alarmes</translation>
    </message>
    <message>
        <location filename="../alarms/desk.py" line="38"/>
        <source>The alarms cannot be followed right now: {why}</source>
        <translation>Os alarmes não podem ser acompanhados agora: {why}</translation>
    </message>
    <message>
        <location filename="../alarms/desk.py" line="46"/>
        <source>Recorder</source>
        <translation>Gravador</translation>
    </message>
    <message>
        <location filename="../alarms/desk.py" line="65"/>
        <source>Alarms: {n}</source>
        <translation>Alarmes: {n}</translation>
    </message>
</context>
<context>
    <name>AlarmKind</name>
    <message>
        <location filename="../alarms/alarm_windows.py" line="29"/>
        <source>Camera offline</source>
        <translation>Câmera offline</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="30"/>
        <source>Recording stopped</source>
        <translation>Gravação parada</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="31"/>
        <source>Disk trouble</source>
        <translation>Problema no disco</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="32"/>
        <source>Motion</source>
        <translation>Movimento</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="33"/>
        <source>Plate on the watch list</source>
        <translation>Placa na lista de alerta</translation>
    </message>
</context>
<context>
    <name>AlarmPopup</name>
    <message>
        <location filename="../alarms/alarm_windows.py" line="103"/>
        <source>Alarm</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="119"/>
        <source>Play back</source>
        <translation>Reproduzir</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="122"/>
        <source>Later (keep in the queue)</source>
        <translation>Depois (manter na fila)</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="149"/>
        <source>{kind}: {rule}</source>
        <translation>{kind}: {rule}</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="150"/>
        <source> ({n} times)</source>
        <translation> ({n} vezes)</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="151"/>
        <source>{camera} · {time}{count}
{label}</source>
        <translation>{camera} · {time}{count}
{label}</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="156"/>
        <source>{n} more waiting</source>
        <translation>mais {n} aguardando</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="160"/>
        <source>Recorder</source>
        <translation>Gravador</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="162"/>
        <source>camera {id}</source>
        <translation>câmera {id}</translation>
    </message>
</context>
<context>
    <name>AlarmQueue</name>
    <message>
        <location filename="../alarms/alarm_windows.py" line="230"/>
        <source>Alarm queue</source>
        <translation>Fila de alarmes</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="233"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="233"/>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="233"/>
        <source>Alarm</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="233"/>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="234"/>
        <source>Times</source>
        <translation>Vezes</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="234"/>
        <source>Escalated</source>
        <translation>Escalado</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="242"/>
        <source>No open alarms</source>
        <translation>Nenhum alarme aberto</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="245"/>
        <source>Play back</source>
        <translation>Reproduzir</translation>
    </message>
    <message>
        <location filename="../alarms/alarm_windows.py" line="247"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>AlarmRulesDialog</name>
    <message>
        <location filename="../alarms/rules_dialog.py" line="145"/>
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="152"/>
        <source>Add…</source>
        <translation>Adicionar…</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="152"/>
        <source>Change…</source>
        <translation>Alterar…</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="152"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="161"/>
        <source>Events that pop up on every workstation, with a sound, until someone acknowledges them:</source>
        <translation>Eventos que aparecem em todas as estações, com som, até que alguém os reconheça:</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="165"/>
        <source>Rules</source>
        <translation>Regras</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="170"/>
        <source>One plate per line, a note after a semicolon:
ABC1D23; stolen 05/12</source>
        <translation>Uma placa por linha, uma observação após ponto e vírgula:
ABC1D23; furtado 05/12</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="172"/>
        <source>Import a file…</source>
        <translation>Importar um arquivo…</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="174"/>
        <source>Save the list</source>
        <translation>Salvar a lista</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="182"/>
        <source>Plates watched for: a posted plate that matches, or differs by one misread character, is an alarm of the rules for plates.</source>
        <translation>Placas vigiadas: uma placa recebida que coincida, ou difira por um caractere mal lido, é um alarme das regras de placas.</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="186"/>
        <source>Watch list</source>
        <translation>Lista de alerta</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="212"/>
        <source>all cameras</source>
        <translation>todas as câmeras</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="214"/>
        <source>all day</source>
        <translation>o dia todo</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="215"/>
        <source> (off)</source>
        <translation> (desligada)</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="219"/>
        <source>{n} plates</source>
        <translation>{n} placas</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="245"/>
        <source>Import a watch list</source>
        <translation>Importar uma lista de alerta</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="246"/>
        <source>Lists (*.csv *.txt);;All files (*)</source>
        <translation>Listas (*.csv *.txt);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="254"/>
        <source>the file is larger than 20 MB</source>
        <translation>o arquivo tem mais de 20 MB</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="261"/>
        <source>Could not read {file}: {why}</source>
        <translation>Não foi possível ler {file}: {why}</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="266"/>
        <source>{n} plates read from {file}: save to use them</source>
        <translation>{n} placas lidas de {file}: salve para usá-las</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../admin/audit_view.py" line="56"/>
        <source>Audit trail</source>
        <translation>Trilha de auditoria</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="60"/>
        <source>any user</source>
        <translation>qualquer usuário</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="63"/>
        <source>All cameras</source>
        <translation>Todas as câmeras</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="65"/>
        <source>All actions</source>
        <translation>Todas as ações</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="69"/>
        <source>From:</source>
        <translation>De:</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="69"/>
        <source>To:</source>
        <translation>Até:</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="76"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="80"/>
        <source>User:</source>
        <translation>Usuário:</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="82"/>
        <source>Camera:</source>
        <translation>Câmera:</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="84"/>
        <source>Action:</source>
        <translation>Ação:</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="94"/>
        <source>Time</source>
        <translation>Horário</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="94"/>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="94"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="94"/>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="94"/>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="95"/>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="95"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="95"/>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="95"/>
        <source>Detail</source>
        <translation>Detalhe</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="105"/>
        <source>More</source>
        <translation>Mais</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="106"/>
        <source>Older entries</source>
        <translation>Registros mais antigos</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="109"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="111"/>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="112"/>
        <source>Check that no entry was changed, removed or put in</source>
        <translation>Verificar que nenhum registro foi alterado, removido ou inserido</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="114"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="134"/>
        <source>logged in</source>
        <translation>entrou</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="134"/>
        <source>failed login</source>
        <translation>falha de login</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="135"/>
        <source>locked out</source>
        <translation>conta bloqueada</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="135"/>
        <source>logged out</source>
        <translation>saiu</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="136"/>
        <source>sessions ended</source>
        <translation>sessões encerradas</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="136"/>
        <source>live started</source>
        <translation>ao vivo iniciado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="137"/>
        <source>live stopped</source>
        <translation>ao vivo encerrado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="137"/>
        <source>playback</source>
        <translation>reprodução</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="138"/>
        <source>picture viewed</source>
        <translation>imagem vista</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="138"/>
        <source>clip made</source>
        <translation>clipe criado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="139"/>
        <source>clip changed</source>
        <translation>clipe alterado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="139"/>
        <source>clip downloaded</source>
        <translation>clipe baixado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="140"/>
        <source>clip deleted</source>
        <translation>clipe excluído</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="140"/>
        <source>footage deleted</source>
        <translation>gravações excluídas</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="141"/>
        <source>recording downloaded</source>
        <translation>gravação baixada</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="142"/>
        <source>bookmark added</source>
        <translation>marcador adicionado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="143"/>
        <source>bookmark changed</source>
        <translation>marcador alterado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="144"/>
        <source>bookmark deleted</source>
        <translation>marcador excluído</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="145"/>
        <source>camera added</source>
        <translation>câmera adicionada</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="145"/>
        <source>camera changed</source>
        <translation>câmera alterada</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="146"/>
        <source>camera removed</source>
        <translation>câmera removida</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="146"/>
        <source>settings changed</source>
        <translation>configurações alteradas</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="147"/>
        <source>user added</source>
        <translation>usuário adicionado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="147"/>
        <source>user changed</source>
        <translation>usuário alterado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="148"/>
        <source>user removed</source>
        <translation>usuário removido</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="148"/>
        <source>refused</source>
        <translation>recusado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="149"/>
        <source>trail exported</source>
        <translation>trilha exportada</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="149"/>
        <source>recorder started</source>
        <translation>gravador iniciado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="150"/>
        <source>recorder stopped</source>
        <translation>gravador parado</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="151"/>
        <source>alarm acknowledged</source>
        <translation>alarme reconhecido</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="152"/>
        <source>alarm rule added</source>
        <translation>regra de alarme adicionada</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="153"/>
        <source>alarm rule changed</source>
        <translation>regra de alarme alterada</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="154"/>
        <source>alarm rule removed</source>
        <translation>regra de alarme removida</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="155"/>
        <source>watch list changed</source>
        <translation>lista de alerta alterada</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="181"/>
        <source>Reading the trail…</source>
        <translation>Lendo a trilha…</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_view.py" line="195"/>
        <source>%n entries shown, newest first.</source>
        <translation>
            <numerusform>%n registro exibido, os mais recentes primeiro.</numerusform>
            <numerusform>%n registros exibidos, os mais recentes primeiro.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="219"/>
        <source>Export the audit trail</source>
        <translation>Exportar a trilha de auditoria</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="220"/>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="230"/>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_view.py" line="231"/>
        <source>Saved %n entries to {path}.</source>
        <translation>
            <numerusform>%n registro salvo em {path}.</numerusform>
            <numerusform>%n registros salvos em {path}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="236"/>
        <source>Verifying the whole trail…</source>
        <translation>Verificando a trilha inteira…</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_view.py" line="242"/>
        <source>The trail is intact (%n entries).</source>
        <translation>
            <numerusform>A trilha está íntegra (%n registro).</numerusform>
            <numerusform>A trilha está íntegra (%n registros).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_view.py" line="244"/>
        <source>The trail was tampered with: {problem}. The {n} entries before it are intact.</source>
        <translation>A trilha foi adulterada: {problem}. Os {n} registros anteriores estão íntegros.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../storage/storage_alerts.py" line="52"/>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
</context>
<context>
    <name>BookmarkDialog</name>
    <message>
        <location filename="../playback/bookmarks.py" line="39"/>
        <source>Bookmark</source>
        <translation>Marcador</translation>
    </message>
    <message>
        <location filename="../playback/bookmarks.py" line="43"/>
        <source>What happened, in a few words</source>
        <translation>O que aconteceu, em poucas palavras</translation>
    </message>
    <message>
        <location filename="../playback/bookmarks.py" line="45"/>
        <source>For the next shift: what was seen, who was told, what was done</source>
        <translation>Para o próximo turno: o que foi visto, quem foi avisado, o que foi feito</translation>
    </message>
    <message>
        <location filename="../playback/bookmarks.py" line="46"/>
        <source>Keep this footage until the bookmark is released (not deleted by retention)</source>
        <translation>Guardar estas imagens até o marcador ser liberado (a retenção não as apaga)</translation>
    </message>
    <message>
        <location filename="../playback/bookmarks.py" line="55"/>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <location filename="../playback/bookmarks.py" line="56"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../playback/bookmarks.py" line="57"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../playback/bookmarks.py" line="66"/>
        <source>Protected footage: {used:g} of {limit:g} hours the plan allows</source>
        <translation>Imagens protegidas: {used:g} de {limit:g} horas permitidas pelo plano</translation>
    </message>
    <message>
        <location filename="../playback/bookmarks.py" line="71"/>
        <source>Give the bookmark a title</source>
        <translation>Dê um título ao marcador</translation>
    </message>
</context>
<context>
    <name>BookmarksButton</name>
    <message>
        <location filename="../playback/bookmarks.py" line="107"/>
        <source>Bookmarks ({n})</source>
        <translation>Marcadores ({n})</translation>
    </message>
</context>
<context>
    <name>CameraAlerts</name>
    <message>
        <location filename="../cameras/camera_alerts.py" line="55"/>
        <source>no video is reaching the disk</source>
        <translation>nenhum vídeo está chegando ao disco</translation>
    </message>
    <message>
        <location filename="../cameras/camera_alerts.py" line="56"/>
        <source>Recording stopped: {camera} — {why}</source>
        <translation>Gravação parada: {camera} — {why}</translation>
    </message>
    <message>
        <location filename="../cameras/camera_alerts.py" line="59"/>
        <source>{camera} is losing frames: {pct:.1f} % over the last minute (normal: under 0.1 %). Check the camera&apos;s network and bit rate.</source>
        <translation>{camera} está perdendo quadros: {pct:.1f} % no último minuto (normal: menos de 0,1 %). Verifique a rede e a taxa de bits da câmera.</translation>
    </message>
    <message>
        <location filename="../cameras/camera_alerts.py" line="69"/>
        <source>Recording stopped</source>
        <translation>Gravação parada</translation>
    </message>
    <message>
        <location filename="../cameras/camera_alerts.py" line="73"/>
        <source>A camera is losing frames</source>
        <translation>Uma câmera está perdendo quadros</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../cameras/camera_dialog.py" line="41"/>
        <source>Edit camera</source>
        <translation>Editar câmera</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="41"/>
        <source>Add camera</source>
        <translation>Adicionar câmera</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="46"/>
        <source>optional, for the live grid</source>
        <translation>opcional, para o mosaico ao vivo</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="50"/>
        <source>unchanged</source>
        <translation>sem alteração</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="52"/>
        <source>Plan default ({n} days)</source>
        <translation>Padrão do plano ({n} dias)</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="52"/>
        <source>Plan default</source>
        <translation>Padrão do plano</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="54"/>
        <source>Keep for…</source>
        <translation>Manter por…</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="55"/>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="58"/>
        <source>Record this camera</source>
        <translation>Gravar esta câmera</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="61"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="62"/>
        <source>Main stream (RTSP URL)</source>
        <translation>Stream principal (URL RTSP)</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="63"/>
        <source>Substream (RTSP URL)</source>
        <translation>Substream (URL RTSP)</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="64"/>
        <source>Username</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="65"/>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="69"/>
        <source>Keep recordings</source>
        <translation>Manter gravações</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="72"/>
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="94"/>
        <source>Motion detection</source>
        <translation>Detecção de movimento</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="95"/>
        <source>Detect motion (events on the timeline)</source>
        <translation>Detectar movimento (eventos na linha do tempo)</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="97"/>
        <source>Higher: smaller changes count as motion</source>
        <translation>Mais alta: mudanças menores contam como movimento</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="101"/>
        <source>Edit mask…</source>
        <translation>Editar máscara…</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="112"/>
        <source>Sensitivity</source>
        <translation>Sensibilidade</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="113"/>
        <source>Ignored areas</source>
        <translation>Áreas ignoradas</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="119"/>
        <source>none: motion anywhere in the picture counts</source>
        <translation>nenhuma: movimento em qualquer parte da imagem conta</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="120"/>
        <source>{n} in the mask</source>
        <translation>{n} na máscara</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="150"/>
        <source>{what}: this is not a valid address</source>
        <translation>{what}: este não é um endereço válido</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="152"/>
        <source>{what} must start with rtsp://</source>
        <translation>{what} deve começar com rtsp://</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="154"/>
        <source>{what} has no camera address (host)</source>
        <translation>{what} não tem o endereço da câmera (host)</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="161"/>
        <source>Give the camera a name</source>
        <translation>Dê um nome à câmera</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="163"/>
        <source>Enter the camera&apos;s RTSP address</source>
        <translation>Informe o endereço RTSP da câmera</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="165"/>
        <source>Main stream</source>
        <translation>Stream principal</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="167"/>
        <source>Substream</source>
        <translation>Substream</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="169"/>
        <source>A password needs a username</source>
        <translation>Uma senha precisa de um usuário</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="192"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="202"/>
        <source>Connected: {what}</source>
        <translation>Conectado: {what}</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="205"/>
        <location filename="../cameras/camera_dialog.py" line="211"/>
        <source>Failed: {why}</source>
        <translation>Falhou: {why}</translation>
    </message>
    <message>
        <location filename="../cameras/camera_dialog.py" line="234"/>
        <source>Not saved: {why}</source>
        <translation>Não salvo: {why}</translation>
    </message>
</context>
<context>
    <name>ClipPlayer</name>
    <message>
        <location filename="../clips/clip_player.py" line="36"/>
        <source>Play / pause</source>
        <translation>Reproduzir / pausar</translation>
    </message>
</context>
<context>
    <name>Clips</name>
    <message>
        <location filename="../clips/clip_dialog.py" line="27"/>
        <source>{h} h {m} min {s} s</source>
        <translation>{h} h {m} min {s} s</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="29"/>
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="30"/>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="46"/>
        <source>No recording in {parts}: the clip leaves these parts out.</source>
        <translation>Sem gravação em {parts}: o clipe não inclui esses trechos.</translation>
    </message>
</context>
<context>
    <name>ClipsPanel</name>
    <message>
        <location filename="../clips/clips_panel.py" line="56"/>
        <source>Saved clips</source>
        <translation>Clipes salvos</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="66"/>
        <source>All cameras</source>
        <translation>Todas as câmeras</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="69"/>
        <location filename="../clips/clips_panel.py" line="94"/>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="69"/>
        <source>Time</source>
        <translation>Horário</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="69"/>
        <location filename="../clips/clips_panel.py" line="218"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="69"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="70"/>
        <source>Created by</source>
        <translation>Criado por</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="70"/>
        <source>Created at</source>
        <translation>Criado em</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="70"/>
        <source>State</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="81"/>
        <source>Play</source>
        <translation>Reproduzir</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="81"/>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="82"/>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="83"/>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="84"/>
        <source>Verify file…</source>
        <translation>Verificar arquivo…</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="85"/>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="85"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="152"/>
        <source>No clips saved yet: select a range on a camera&apos;s timeline and press “Create clip”.</source>
        <translation>Nenhum clipe salvo ainda: selecione um intervalo na linha do tempo de uma câmera e clique em “Criar clipe”.</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="167"/>
        <source>extracting {pct} %</source>
        <translation>extraindo {pct} %</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="169"/>
        <source>ready, with gaps</source>
        <translation>pronto, com lacunas</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="169"/>
        <source>ready</source>
        <translation>pronto</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="170"/>
        <source>failed: {why}</source>
        <translation>falhou: {why}</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="218"/>
        <source>Rename clip</source>
        <translation>Renomear clipe</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="226"/>
        <source>Renamed to “{name}”</source>
        <translation>Renomeado para “{name}”</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="234"/>
        <source>Delete clip</source>
        <translation>Excluir clipe</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="235"/>
        <source>Delete the clip “{name}” ({camera}, {range})? Its file is removed for good; copies exported elsewhere are not touched.</source>
        <translation>Excluir o clipe “{name}” ({camera}, {range})? O arquivo é apagado definitivamente; cópias exportadas para outros lugares não são afetadas.</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="244"/>
        <source>Deleted “{name}”</source>
        <translation>“{name}” excluído</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="265"/>
        <source>Export the clip</source>
        <translation>Exportar o clipe</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="270"/>
        <source>Export the clip to…</source>
        <translation>Exportar o clipe para…</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="276"/>
        <source>Exporting “{name}”…</source>
        <translation>Exportando “{name}”…</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="296"/>
        <source>Exported and checked: {path} (checksum in {sidecar})</source>
        <translation>Exportado e conferido: {path} (soma de verificação em {sidecar})</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="301"/>
        <source>the saved clip&apos;s file no longer matches its checksum: it has been changed or damaged on this disk</source>
        <translation>o arquivo do clipe salvo não confere mais com a sua soma de verificação: foi alterado ou danificado neste disco</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="303"/>
        <source>the copy differs from the clip after writing: the target disk may be failing; try another one</source>
        <translation>a cópia gravada difere do clipe: o disco de destino pode estar com defeito; tente outro</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="305"/>
        <source>the clip&apos;s file is missing from the recordings disk</source>
        <translation>o arquivo do clipe não está no disco de gravações</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="310"/>
        <source>The clip was not exported: {why}</source>
        <translation>O clipe não foi exportado: {why}</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="316"/>
        <source>Verify a clip file</source>
        <translation>Verificar um arquivo de clipe</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="317"/>
        <source>Video files (*.mp4)</source>
        <translation>Arquivos de vídeo (*.mp4)</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="320"/>
        <source>Checking {file}…</source>
        <translation>Verificando {file}…</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="334"/>
        <source>The file could not be read: {why}</source>
        <translation>Não foi possível ler o arquivo: {why}</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="350"/>
        <source>the saved clip “{name}” ({camera}, {range})</source>
        <translation>o clipe salvo “{name}” ({camera}, {range})</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="354"/>
        <source>{file} has been CHANGED: it does not match its checksum file.</source>
        <translation>{file} foi ALTERADO: não confere com o seu arquivo de soma de verificação.</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="356"/>
        <source>Its content is {clip}; the checksum file is wrong.</source>
        <translation>O conteúdo é {clip}; o arquivo de soma de verificação é que está errado.</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="358"/>
        <source>{file} is intact: it matches its checksum file.</source>
        <translation>{file} está íntegro: confere com o seu arquivo de soma de verificação.</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="359"/>
        <source>It is {clip}.</source>
        <translation>É {clip}.</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="360"/>
        <source>No saved clip here has this content (deleted since, or from another site).</source>
        <translation>Nenhum clipe salvo aqui tem este conteúdo (excluído depois, ou de outro local).</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="362"/>
        <source>{file} has no checksum file next to it, but its content is {clip}.</source>
        <translation>{file} não tem arquivo de soma de verificação ao lado, mas o conteúdo é {clip}.</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="365"/>
        <source>{file} has no checksum file next to it and matches no saved clip: it cannot be confirmed.</source>
        <translation>{file} não tem arquivo de soma de verificação ao lado e não confere com nenhum clipe salvo: não é possível confirmá-lo.</translation>
    </message>
    <message>
        <location filename="../clips/clips_panel.py" line="368"/>
        <source>(The checksum file was written for a file of another name.)</source>
        <translation>(O arquivo de soma de verificação foi gerado para um arquivo com outro nome.)</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../session/connect_dialog.py" line="93"/>
        <source>Connect to a recorder — VMS Desktop</source>
        <translation>Conectar a um gravador — VMS Desktop</translation>
    </message>
    <message>
        <location filename="../session/connect_dialog.py" line="106"/>
        <source>Recorder</source>
        <translation>Gravador</translation>
    </message>
    <message>
        <location filename="../session/connect_dialog.py" line="107"/>
        <source>User name</source>
        <translation>Nome de usuário</translation>
    </message>
    <message>
        <location filename="../session/connect_dialog.py" line="108"/>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <location filename="../session/connect_dialog.py" line="110"/>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <location filename="../session/connect_dialog.py" line="127"/>
        <source>Connecting to {url}…</source>
        <translation>Conectando a {url}…</translation>
    </message>
    <message>
        <location filename="../session/connect_dialog.py" line="141"/>
        <source>Certificate changed</source>
        <translation>Certificado alterado</translation>
    </message>
    <message>
        <location filename="../session/connect_dialog.py" line="144"/>
        <source>Not connected: the certificate was not trusted.</source>
        <translation>Não conectado: o certificado não foi aceito.</translation>
    </message>
    <message>
        <location filename="../session/connect_dialog.py" line="155"/>
        <source>New recorder</source>
        <translation>Novo gravador</translation>
    </message>
    <message>
        <location filename="../session/connect_dialog.py" line="156"/>
        <source>This is the first connection to {url}. Its certificate&apos;s SHA-256 fingerprint is:

{fp}

Compare it with what `vms-recorder tls fingerprint` prints on the recorder (or ask the administrator). Trust this recorder?</source>
        <translation>Esta é a primeira conexão com {url}. A impressão digital SHA-256 do certificado é:

{fp}

Compare com o que `vms-recorder tls fingerprint` mostra no gravador (ou pergunte ao administrador). Confiar neste gravador?</translation>
    </message>
</context>
<context>
    <name>CopyReason</name>
    <message>
        <location filename="../messages.py" line="208"/>
        <source>Why is this footage copied? (a police report, a court order, a data subject&apos;s request)</source>
        <translation>Por que estas imagens são copiadas? (um boletim de ocorrência, uma ordem judicial, um pedido do titular dos dados)</translation>
    </message>
</context>
<context>
    <name>CreateClipDialog</name>
    <message>
        <location filename="../clips/clip_dialog.py" line="75"/>
        <source>Create clip</source>
        <translation>Criar clipe</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="78"/>
        <source>optional: what happened, who asked for it</source>
        <translation>opcional: o que aconteceu, quem pediu</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="84"/>
        <source>Save clip</source>
        <translation>Salvar clipe</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="88"/>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="89"/>
        <source>Range</source>
        <translation>Intervalo</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="91"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="92"/>
        <source>Notes</source>
        <translation>Observações</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="104"/>
        <source>Give the clip a name</source>
        <translation>Dê um nome ao clipe</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="110"/>
        <source>Sending the request to the recorder…</source>
        <translation>Enviando o pedido ao gravador…</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="155"/>
        <source>Saving the clip…</source>
        <translation>Salvando o clipe…</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="158"/>
        <source>Clip saved</source>
        <translation>Clipe salvo</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="164"/>
        <source>The clip could not be saved: {why}</source>
        <translation>Não foi possível salvar o clipe: {why}</translation>
    </message>
    <message>
        <location filename="../clips/clip_dialog.py" line="171"/>
        <source>The clip starts at {t}, at the key frame just before the chosen start.</source>
        <translation>O clipe começa às {t}, no quadro-chave logo antes do início escolhido.</translation>
    </message>
</context>
<context>
    <name>EventKind</name>
    <message>
        <location filename="../playback/timeline.py" line="27"/>
        <source>camera offline</source>
        <translation>câmera offline</translation>
    </message>
    <message>
        <location filename="../playback/timeline.py" line="28"/>
        <source>recorder not running</source>
        <translation>gravador parado</translation>
    </message>
    <message>
        <location filename="../playback/timeline.py" line="29"/>
        <source>recording error</source>
        <translation>erro de gravação</translation>
    </message>
    <message>
        <location filename="../playback/timeline.py" line="30"/>
        <source>motion</source>
        <translation>movimento</translation>
    </message>
    <message>
        <location filename="../playback/timeline.py" line="31"/>
        <source>licence plate</source>
        <translation>placa</translation>
    </message>
    <message>
        <location filename="../playback/timeline.py" line="32"/>
        <source>person</source>
        <translation>pessoa</translation>
    </message>
    <message>
        <location filename="../playback/timeline.py" line="33"/>
        <source>vehicle</source>
        <translation>veículo</translation>
    </message>
    <message>
        <location filename="../playback/timeline.py" line="34"/>
        <source>frames lost</source>
        <translation>quadros perdidos</translation>
    </message>
</context>
<context>
    <name>EventModel</name>
    <message>
        <location filename="../events/event_table.py" line="126"/>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="126"/>
        <source>Time</source>
        <translation>Horário</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="126"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="127"/>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="127"/>
        <source>Conf.</source>
        <translation>Conf.</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="127"/>
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="182"/>
        <source>camera {id}</source>
        <translation>câmera {id}</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="191"/>
        <source>ongoing</source>
        <translation>em andamento</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="194"/>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="196"/>
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="197"/>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <location filename="../events/event_table.py" line="205"/>
        <source>{pct} of the picture changed at the peak</source>
        <translation>{pct} da imagem mudou no pico</translation>
    </message>
</context>
<context>
    <name>EventPanel</name>
    <message>
        <location filename="../events/event_list.py" line="54"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="57"/>
        <source>Newest first</source>
        <translation>Mais recentes primeiro</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="58"/>
        <source>Oldest first</source>
        <translation>Mais antigos primeiro</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="69"/>
        <source>Search label (part of a plate…)</source>
        <translation>Buscar rótulo (parte de uma placa…)</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="95"/>
        <location filename="../events/event_list.py" line="108"/>
        <source>All kinds</source>
        <translation>Todos os tipos</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="109"/>
        <source>Kinds: {n} of {m}</source>
        <translation>Tipos: {n} de {m}</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="162"/>
        <source>No kind chosen: tick one under “Kinds”.</source>
        <translation>Nenhum tipo escolhido: marque um em “Tipos”.</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="186"/>
        <source>No events match the filter.</source>
        <translation>Nenhum evento corresponde ao filtro.</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="186"/>
        <source>No events on this day.</source>
        <translation>Nenhum evento neste dia.</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="188"/>
        <source>Events: {n} (the list stops there)</source>
        <translation>Eventos: {n} (a lista para aí)</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="190"/>
        <source>Events: {n}</source>
        <translation>Eventos: {n}</translation>
    </message>
    <message>
        <location filename="../events/event_list.py" line="194"/>
        <source>The events could not be listed: {why}</source>
        <translation>Não foi possível listar os eventos: {why}</translation>
    </message>
</context>
<context>
    <name>EventSearch</name>
    <message>
        <location filename="../events/event_search.py" line="48"/>
        <source>Search events</source>
        <translation>Buscar eventos</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="55"/>
        <source>Plate or label, or any part of it (e.g. abc1)</source>
        <translation>Placa ou rótulo, ou qualquer parte dele (ex.: abc1)</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="68"/>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="68"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="69"/>
        <source>Last 30 days</source>
        <translation>Últimos 30 dias</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="69"/>
        <source>Between…</source>
        <translation>Entre…</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="78"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="82"/>
        <source>from</source>
        <translation>de</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="82"/>
        <source>to</source>
        <translation>até</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="87"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="89"/>
        <source>Kinds</source>
        <translation>Tipos</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="91"/>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="98"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="131"/>
        <source>Tick at least one kind.</source>
        <translation>Marque pelo menos um tipo.</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="134"/>
        <source>The period must start before it ends.</source>
        <translation>O período deve começar antes de terminar.</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="141"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="154"/>
        <source>Nothing found.</source>
        <translation>Nada encontrado.</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="156"/>
        <source>Only the first {n} hits are listed: narrow the search.</source>
        <translation>Só os primeiros {n} resultados são listados: refine a busca.</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="158"/>
        <source>Found: {n}</source>
        <translation>Encontrados: {n}</translation>
    </message>
    <message>
        <location filename="../events/event_search.py" line="162"/>
        <source>The search failed: {why}</source>
        <translation>A busca falhou: {why}</translation>
    </message>
</context>
<context>
    <name>LiveGrid</name>
    <message>
        <location filename="../live/grid.py" line="28"/>
        <source>No cameras yet. Use Cameras → Add camera… to add the first one.</source>
        <translation>Nenhuma câmera ainda. Use Câmeras → Adicionar câmera… para adicionar a primeira.</translation>
    </message>
</context>
<context>
    <name>LiveTile</name>
    <message>
        <location filename="../live/tile.py" line="91"/>
        <source>motion</source>
        <translation>movimento</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="93"/>
        <source>Motion seen by the recorder right now</source>
        <translation>Movimento visto pelo gravador agora</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="95"/>
        <source>ALARM</source>
        <translation>ALARME</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="97"/>
        <source>An alarm of this camera is waiting for an answer: see the alarm queue</source>
        <translation>Um alarme desta câmera aguarda resposta: veja a fila de alarmes</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="132"/>
        <source>Recording</source>
        <translation>Gravando</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="132"/>
        <source>Not recording</source>
        <translation>Não está gravando</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="155"/>
        <source>RECORDING STOPPED</source>
        <translation>GRAVAÇÃO PARADA</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="158"/>
        <source>losing frames: {pct:.1f} %</source>
        <translation>perdendo quadros: {pct:.1f} %</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="159"/>
        <source>{lost} of {expected} frames missing over the last {seconds:.0f} s</source>
        <translation>{lost} de {expected} quadros faltando nos últimos {seconds:.0f} s</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="167"/>
        <source>starting…</source>
        <translation>iniciando…</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="168"/>
        <source>connecting…</source>
        <translation>conectando…</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="168"/>
        <source>reconnecting…</source>
        <translation>reconectando…</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="169"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="169"/>
        <source>recording off</source>
        <translation>gravação desligada</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="170"/>
        <source>stopped</source>
        <translation>parada</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="174"/>
        <source>Recording is switched off for this camera</source>
        <translation>A gravação está desligada para esta câmera</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="176"/>
        <source>Recording stopped</source>
        <translation>Gravação parada</translation>
    </message>
    <message>
        <location filename="../live/tile.py" line="177"/>
        <source>Camera offline</source>
        <translation>Câmera offline</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../session/login_dialog.py" line="40"/>
        <source>Log in — VMS Desktop</source>
        <translation>Entrar — VMS Desktop</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="55"/>
        <source>User name</source>
        <translation>Nome de usuário</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="56"/>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="57"/>
        <source>Password again</source>
        <translation>Senha de novo</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="60"/>
        <source>Log in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="61"/>
        <source>Change user</source>
        <translation>Trocar de usuário</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="63"/>
        <source>Close the window</source>
        <translation>Fechar a janela</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="79"/>
        <source>Recorder: {where}</source>
        <translation>Gravador: {where}</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="81"/>
        <source>Your session ended (it expired, or an administrator ended it). Log in again: the window stays as it was.</source>
        <translation>Sua sessão terminou (expirou, ou um administrador a encerrou). Entre de novo: a janela continua como estava.</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="83"/>
        <source>The screen was locked after a time without use. Type the password to go on, or change user.</source>
        <translation>A tela foi bloqueada após um tempo sem uso. Digite a senha para continuar, ou troque de usuário.</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="85"/>
        <source>You logged out. Log in to go on.</source>
        <translation>Você saiu. Entre para continuar.</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="86"/>
        <source>Log in to watch and play back the cameras.</source>
        <translation>Entre para ver e reproduzir as câmeras.</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="94"/>
        <source>First start — VMS Desktop</source>
        <translation>Primeiro uso — VMS Desktop</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="95"/>
        <source>This recorder has no accounts yet. Choose the administrator&apos;s user name and password (at least 8 characters); the administrator then adds the operators.</source>
        <translation>Este gravador ainda não tem contas. Escolha o nome de usuário e a senha do administrador (pelo menos 8 caracteres); depois o administrador adiciona os operadores.</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="98"/>
        <source>Create and log in</source>
        <translation>Criar e entrar</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="117"/>
        <source>Type the user name and the password.</source>
        <translation>Digite o nome de usuário e a senha.</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="120"/>
        <source>The two passwords differ.</source>
        <translation>As duas senhas são diferentes.</translation>
    </message>
    <message>
        <location filename="../session/login_dialog.py" line="123"/>
        <source>Logging in…</source>
        <translation>Entrando…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="86"/>
        <location filename="../main_window.py" line="304"/>
        <location filename="../main_window.py" line="452"/>
        <source>VMS Desktop</source>
        <translation>VMS Desktop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100"/>
        <source>Log in to see the cameras</source>
        <translation>Entre para ver as câmeras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="126"/>
        <source>Connecting to the recorder…</source>
        <translation>Conectando ao gravador…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>&amp;Site</source>
        <translation>&amp;Local</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142"/>
        <source>Storage…</source>
        <translation>Armazenamento…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="143"/>
        <source>Users and plan…</source>
        <translation>Usuários e plano…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="144"/>
        <source>Audit trail…</source>
        <translation>Trilha de auditoria…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="145"/>
        <source>Alarm rules and watch list…</source>
        <translation>Regras de alarme e lista de alerta…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="146"/>
        <source>Settings…</source>
        <translation>Configurações…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="148"/>
        <source>Connect to a recorder…</source>
        <translation>Conectar a um gravador…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="149"/>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="150"/>
        <source>Log out / change user…</source>
        <translation>Sair / trocar de usuário…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="152"/>
        <source>Close window (keep recording)</source>
        <translation>Fechar janela (continuar gravando)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="153"/>
        <location filename="../main_window.py" line="183"/>
        <source>Quit and stop recording…</source>
        <translation>Sair e parar a gravação…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="154"/>
        <source>&amp;Cameras</source>
        <translation>&amp;Câmeras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>Add camera…</source>
        <translation>Adicionar câmera…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="156"/>
        <source>Saved clips…</source>
        <translation>Clipes salvos…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="157"/>
        <source>Search events…</source>
        <translation>Buscar eventos…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="158"/>
        <source>Alarm queue…</source>
        <translation>Fila de alarmes…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="159"/>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162"/>
        <location filename="../main_window.py" line="525"/>
        <source>Automatic layout</source>
        <translation>Layout automático</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="169"/>
        <source>Next page</source>
        <translation>Próxima página</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="170"/>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Full screen</source>
        <translation>Tela cheia</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172"/>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173"/>
        <location filename="../main_window.py" line="542"/>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174"/>
        <location filename="../main_window.py" line="560"/>
        <source>About VMS Desktop</source>
        <translation>Sobre o VMS Desktop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="182"/>
        <source>Show window</source>
        <translation>Mostrar janela</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210"/>
        <source>Not logged in</source>
        <translation>Ninguém conectado</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>Certificate changed</source>
        <translation>Certificado alterado</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="247"/>
        <source>Recording stopped on {n} of {m} cameras: {names}</source>
        <translation>Gravação parada em {n} de {m} câmeras: {names}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="250"/>
        <source>Recording {n} of {m} cameras</source>
        <translation>Gravando {n} de {m} câmeras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="252"/>
        <source>losing frames: {names}</source>
        <translation>perdendo quadros: {names}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="258"/>
        <source>Disk {pct:.0f}% used · recordings {size} · {free} free</source>
        <translation>Disco {pct:.0f}% usado · gravações {size} · {free} livres</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="295"/>
        <source>Recorder problem: {why}</source>
        <translation>Problema no gravador: {why}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="388"/>
        <source>This camera is no longer on the site.</source>
        <translation>Esta câmera não está mais no local.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="430"/>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="433"/>
        <source>Play this page together ({n} cameras)</source>
        <translation>Reproduzir esta página em sincronia ({n} câmeras)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="436"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="438"/>
        <location filename="../main_window.py" line="492"/>
        <source>Stop recording</source>
        <translation>Parar gravação</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="441"/>
        <source>Start recording</source>
        <translation>Iniciar gravação</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="444"/>
        <source>Remove…</source>
        <translation>Remover…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="462"/>
        <source>Loading the camera&apos;s settings…</source>
        <translation>Carregando as configurações da câmera…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="484"/>
        <source>Remove camera</source>
        <translation>Remover câmera</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="485"/>
        <source>Remove camera “{name}”? Recording stops; its recordings stay until retention removes them, and its clips are kept.</source>
        <translation>Remover a câmera “{name}”? A gravação para; as gravações ficam até a retenção apagá-las, e os clipes são mantidos.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="493"/>
        <source>Stop recording every camera and quit? Nothing will be recorded until VMS Desktop is started again.</source>
        <translation>Parar a gravação de todas as câmeras e sair? Nada será gravado até o VMS Desktop ser aberto de novo.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="497"/>
        <source>Stopping the recorder…</source>
        <translation>Parando o gravador…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="508"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="511"/>
        <source>System language</source>
        <translation>Idioma do sistema</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="517"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="524"/>
        <source>Full screen on / off</source>
        <translation>Liga / desliga tela cheia</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="524"/>
        <source>Layout 1×1 to 4×4</source>
        <translation>Layout 1×1 a 4×4</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="525"/>
        <source>Next / previous page of cameras</source>
        <translation>Próxima / anterior página de câmeras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="526"/>
        <source>Enter / double-click</source>
        <translation>Enter / duplo clique</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="526"/>
        <source>Open the selected camera</source>
        <translation>Abrir a câmera selecionada</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="527"/>
        <source>Close the camera view</source>
        <translation>Fechar a visão da câmera</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="527"/>
        <source>Drag a tile</source>
        <translation>Arrastar um quadro</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="527"/>
        <source>Swap two cameras</source>
        <translation>Trocar duas câmeras de lugar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="528"/>
        <source>Add a camera</source>
        <translation>Adicionar uma câmera</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="528"/>
        <source>This list</source>
        <translation>Esta lista</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="529"/>
        <source>Search events (plates, labels) on every camera</source>
        <translation>Buscar eventos (placas, rótulos) em todas as câmeras</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="530"/>
        <source>Close the window (recording goes on)</source>
        <translation>Fechar a janela (a gravação continua)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="531"/>
        <source>Space</source>
        <translation>Espaço</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="531"/>
        <source>Player: play / pause</source>
        <translation>Player: reproduzir / pausar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="532"/>
        <source>Player: a frame back / forward</source>
        <translation>Player: um quadro para trás / para a frente</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="533"/>
        <source>Player: previous / next event</source>
        <translation>Player: evento anterior / seguinte</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="534"/>
        <source>Player: now</source>
        <translation>Player: agora</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="534"/>
        <source>Player: previous / next day</source>
        <translation>Player: dia anterior / seguinte</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="535"/>
        <source>Player: mute / snapshot</source>
        <translation>Player: sem som / foto</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="536"/>
        <source>Player: show / hide the list of events</source>
        <translation>Player: mostrar / ocultar a lista de eventos</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="537"/>
        <source>Player: clip starts / ends at the frame on screen</source>
        <translation>Player: o clipe começa / termina no quadro na tela</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="538"/>
        <source>Player: save the clip range</source>
        <translation>Player: salvar o intervalo como clipe</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="545"/>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="545"/>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="561"/>
        <source>VMS Desktop {version}
libVLC {vlc}
Recorder: {data}</source>
        <translation>VMS Desktop {version}
libVLC {vlc}
Gravador: {data}</translation>
    </message>
</context>
<context>
    <name>MaskCanvas</name>
    <message>
        <location filename="../cameras/motion_mask.py" line="159"/>
        <source>No picture from this camera yet</source>
        <translation>Ainda não há imagem desta câmera</translation>
    </message>
</context>
<context>
    <name>MaskEditor</name>
    <message>
        <location filename="../cameras/motion_mask.py" line="176"/>
        <source>Motion mask — {camera}</source>
        <translation>Máscara de movimento — {camera}</translation>
    </message>
    <message>
        <location filename="../cameras/motion_mask.py" line="177"/>
        <source>Motion mask</source>
        <translation>Máscara de movimento</translation>
    </message>
    <message>
        <location filename="../cameras/motion_mask.py" line="178"/>
        <source>Drag over the areas where motion must be ignored (a clock, a tree, a road). Click an area to select it; Delete or a right-click removes it.</source>
        <translation>Arraste sobre as áreas onde o movimento deve ser ignorado (um relógio, uma árvore, uma rua). Clique numa área para selecioná-la; Delete ou um clique direito a remove.</translation>
    </message>
    <message>
        <location filename="../cameras/motion_mask.py" line="184"/>
        <source>At most {n} areas: remove one first</source>
        <translation>No máximo {n} áreas: remova uma antes</translation>
    </message>
    <message>
        <location filename="../cameras/motion_mask.py" line="187"/>
        <source>Delete area</source>
        <translation>Apagar área</translation>
    </message>
    <message>
        <location filename="../cameras/motion_mask.py" line="189"/>
        <source>Clear all</source>
        <translation>Limpar tudo</translation>
    </message>
    <message>
        <location filename="../cameras/motion_mask.py" line="220"/>
        <source>No area ignored: motion anywhere counts</source>
        <translation>Nenhuma área ignorada: movimento em qualquer lugar conta</translation>
    </message>
    <message>
        <location filename="../cameras/motion_mask.py" line="221"/>
        <source>Areas ignored: {n}</source>
        <translation>Áreas ignoradas: {n}</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <location filename="../admin/user_forms.py" line="176"/>
        <source>New password for {name}</source>
        <translation>Nova senha para {name}</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="178"/>
        <source>{name} is logged out everywhere and logs in again with the new password.</source>
        <translation>{name} sai de todos os lugares e entra de novo com a nova senha.</translation>
    </message>
</context>
<context>
    <name>PlaybackEngine</name>
    <message>
        <location filename="../playback/engine.py" line="97"/>
        <source>Nothing recorded after {t}</source>
        <translation>Nada gravado depois de {t}</translation>
    </message>
    <message>
        <location filename="../playback/engine.py" line="304"/>
        <source>No recording from {a} to {b}: skipped</source>
        <translation>Sem gravação de {a} a {b}: pulado</translation>
    </message>
    <message>
        <location filename="../playback/engine.py" line="287"/>
        <source>The recording from {t} is no longer on disk (removed by retention?)</source>
        <translation>A gravação de {t} não está mais no disco (apagada pela retenção?)</translation>
    </message>
    <message>
        <location filename="../playback/engine.py" line="258"/>
        <source>End of the recordings</source>
        <translation>Fim das gravações</translation>
    </message>
    <message>
        <location filename="../playback/engine.py" line="289"/>
        <source>The recording from {t} cannot be played; going on with the next</source>
        <translation>A gravação de {t} não pode ser reproduzida; seguindo para a próxima</translation>
    </message>
</context>
<context>
    <name>PlayerWindow</name>
    <message>
        <location filename="../playback/player_window.py" line="148"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="152"/>
        <source>Play / pause</source>
        <translation>Reproduzir / pausar</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="163"/>
        <source>Mute</source>
        <translation>Mudo</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="165"/>
        <source>Previous frame</source>
        <translation>Quadro anterior</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="168"/>
        <source>Next frame</source>
        <translation>Próximo quadro</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="171"/>
        <source>Snapshot</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="171"/>
        <source>Save this frame as a picture</source>
        <translation>Salvar este quadro como imagem</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="172"/>
        <source>Full screen</source>
        <translation>Tela cheia</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="174"/>
        <source>◀ Event</source>
        <translation>◀ Evento</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="174"/>
        <source>Previous event</source>
        <translation>Evento anterior</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="176"/>
        <source>Event ▶</source>
        <translation>Evento ▶</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="176"/>
        <source>Next event</source>
        <translation>Próximo evento</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="177"/>
        <source>Now</source>
        <translation>Agora</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="177"/>
        <source>Go to now</source>
        <translation>Ir para agora</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="189"/>
        <source>◀ Previous day</source>
        <translation>◀ Dia anterior</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="189"/>
        <source>Previous day</source>
        <translation>Dia anterior</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="191"/>
        <source>Next day ▶</source>
        <translation>Próximo dia ▶</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="191"/>
        <source>Next day</source>
        <translation>Próximo dia</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="197"/>
        <source>Saved clips…</source>
        <translation>Clipes salvos…</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="197"/>
        <source>Clips saved from all cameras</source>
        <translation>Clipes salvos de todas as câmeras</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="199"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="199"/>
        <source>Show or hide the list of events</source>
        <translation>Mostrar ou ocultar a lista de eventos</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="223"/>
        <source>Preview</source>
        <translation>Pré-visualizar</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="223"/>
        <source>Play just the clip range</source>
        <translation>Reproduzir só o intervalo do clipe</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="224"/>
        <source>Create clip…</source>
        <translation>Criar clipe…</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="224"/>
        <source>Save the range as a clip</source>
        <translation>Salvar o intervalo como clipe</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="227"/>
        <source>In</source>
        <translation>Início</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="227"/>
        <source>The clip starts at the frame on screen</source>
        <translation>O clipe começa no quadro que está na tela</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="228"/>
        <source>Out</source>
        <translation>Fim</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="228"/>
        <source>The clip ends at the frame on screen</source>
        <translation>O clipe termina no quadro que está na tela</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="229"/>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="229"/>
        <source>Clear the clip range</source>
        <translation>Limpar o intervalo do clipe</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="232"/>
        <source>Bookmark…</source>
        <translation>Marcador…</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="232"/>
        <source>Mark the frame on screen, or the clip range, for the next shift</source>
        <translation>Marcar o quadro na tela, ou o trecho do clipe, para o próximo turno</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="283"/>
        <source>This camera has been removed: no new recordings will appear</source>
        <translation>Esta câmera foi removida: nenhuma gravação nova aparecerá</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="314"/>
        <source>No recording on {day}</source>
        <translation>Nenhuma gravação em {day}</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="330"/>
        <source>Day {n} of {m} available ({plan} plan)</source>
        <translation>Dia {n} de {m} disponíveis (plano {plan})</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="333"/>
        <source>Outside the {m} days kept ({plan} plan)</source>
        <translation>Fora dos {m} dias mantidos (plano {plan})</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="381"/>
        <source>No more events this day</source>
        <translation>Não há mais eventos neste dia</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="408"/>
        <source>The snapshot could not be saved</source>
        <translation>A foto não pôde ser salva</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="410"/>
        <source>Snapshot saved: {path}</source>
        <translation>Foto salva: {path}</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="433"/>
        <source>The clip must start before its end ({t})</source>
        <translation>O clipe deve começar antes do seu fim ({t})</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="439"/>
        <source>The clip must end after its start ({t})</source>
        <translation>O clipe deve terminar depois do seu início ({t})</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="445"/>
        <source>Clip: press I at its start and O at its end</source>
        <translation>Clipe: tecle I no início e O no fim</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="447"/>
        <source>Clip from {start}: press O at its end</source>
        <translation>Clipe a partir de {start}: tecle O no fim</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="449"/>
        <source>Clip until {end}: press I at its start</source>
        <translation>Clipe até {end}: tecle I no início</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="451"/>
        <source>Clip {range} ({duration})</source>
        <translation>Clipe {range} ({duration})</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="454"/>
        <source>too short</source>
        <translation>curto demais</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="485"/>
        <source>Preview ended</source>
        <translation>Pré-visualização encerrada</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="490"/>
        <source>Set the clip&apos;s start (I) and end (O) first</source>
        <translation>Marque antes o início (I) e o fim (O) do clipe</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="496"/>
        <source>Clip saved: {name}</source>
        <translation>Clipe salvo: {name}</translation>
    </message>
    <message>
        <location filename="../playback/player_window.py" line="510"/>
        <source>Bookmarked: {title}</source>
        <translation>Marcado: {title}</translation>
    </message>
</context>
<context>
    <name>RecorderMessage</name>
    <message>
        <location filename="../messages.py" line="157"/>
        <source>wrong username or password</source>
        <translation>usuário ou senha incorretos</translation>
    </message>
    <message>
        <location filename="../messages.py" line="158"/>
        <source>the camera has no stream at this address (check the path in the URL)</source>
        <translation>a câmera não tem stream neste endereço (confira o caminho na URL)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <source>{host} refused the connection (is the camera on, and the port right?)</source>
        <translation>{host} recusou a conexão (a câmera está ligada e a porta está certa?)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="162"/>
        <source>no answer from {host}</source>
        <translation>sem resposta de {host}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="163"/>
        <source>{host} cannot be reached on the network</source>
        <translation>{host} não pode ser alcançado na rede</translation>
    </message>
    <message>
        <location filename="../messages.py" line="164"/>
        <source>the camera address {host} could not be found</source>
        <translation>o endereço da câmera {host} não foi encontrado</translation>
    </message>
    <message>
        <location filename="../messages.py" line="165"/>
        <source>the recording disk is full</source>
        <translation>o disco de gravação está cheio</translation>
    </message>
    <message>
        <location filename="../messages.py" line="166"/>
        <source>cannot write to the recordings folder (permission denied)</source>
        <translation>não é possível gravar na pasta de gravações (permissão negada)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="168"/>
        <source>the camera closed the connection</source>
        <translation>a câmera fechou a conexão</translation>
    </message>
    <message>
        <location filename="../messages.py" line="169"/>
        <source>the camera&apos;s answer could not be understood (is this an RTSP address?)</source>
        <translation>a resposta da câmera não pôde ser entendida (este é um endereço RTSP?)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="174"/>
        <source>the camera stopped sending video</source>
        <translation>a câmera parou de enviar vídeo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="171"/>
        <source>the camera sends no video</source>
        <translation>a câmera não envia vídeo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="32"/>
        <source>the recorder at {url} presents another certificate than the one trusted before (now {found}, before {pinned}): another machine may be answering at its address; ask the administrator</source>
        <translation>o gravador em {url} apresenta outro certificado, diferente do aceito antes (agora {found}, antes {pinned}): outra máquina pode estar respondendo nesse endereço; fale com o administrador</translation>
    </message>
    <message>
        <location filename="../messages.py" line="35"/>
        <source>{url} must begin with https://</source>
        <translation>{url} deve começar com https://</translation>
    </message>
    <message>
        <location filename="../messages.py" line="41"/>
        <source>your session has ended; log in again</source>
        <translation>sua sessão terminou; entre novamente</translation>
    </message>
    <message>
        <location filename="../messages.py" line="42"/>
        <source>your role does not allow this (it needs the permission &apos;{permission}&apos;)</source>
        <translation>seu perfil não permite isto (é preciso a permissão &apos;{permission}&apos;)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="44"/>
        <source>camera {camera_id} is not among your cameras</source>
        <translation>a câmera {camera_id} não está entre as suas câmeras</translation>
    </message>
    <message>
        <location filename="../messages.py" line="45"/>
        <source>wrong user name or password</source>
        <translation>usuário ou senha incorretos</translation>
    </message>
    <message>
        <location filename="../messages.py" line="46"/>
        <source>after wrong passwords, wait {seconds} s before trying again</source>
        <translation>depois de senhas erradas, aguarde {seconds} s antes de tentar de novo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="48"/>
        <source>too many wrong passwords: this account is locked for {minutes} minutes</source>
        <translation>senhas erradas demais: esta conta está bloqueada por {minutes} minutos</translation>
    </message>
    <message>
        <location filename="../messages.py" line="50"/>
        <source>the administrator account exists already; log in</source>
        <translation>a conta de administrador já existe; entre com ela</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51"/>
        <source>the first administrator account is made on the recorder&apos;s own computer</source>
        <translation>a primeira conta de administrador é criada no próprio computador do gravador</translation>
    </message>
    <message>
        <location filename="../messages.py" line="53"/>
        <source>no user named {name}</source>
        <translation>não há usuário chamado {name}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="54"/>
        <source>there is a user named {name} already</source>
        <translation>já existe um usuário chamado {name}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="55"/>
        <source>a user name has 1 to {max} letters, digits or . _ - @ and no spaces</source>
        <translation>um nome de usuário tem de 1 a {max} letras, dígitos ou . _ - @ e nenhum espaço</translation>
    </message>
    <message>
        <location filename="../messages.py" line="57"/>
        <source>the {plan} plan allows {limit} users and there are {count}; remove one or move to a bigger plan</source>
        <translation>o plano {plan} permite {limit} usuários e já há {count}; remova um ou passe para um plano maior</translation>
    </message>
    <message>
        <location filename="../messages.py" line="60"/>
        <source>{name} is the last administrator; make another one first</source>
        <translation>{name} é o último administrador; crie outro antes</translation>
    </message>
    <message>
        <location filename="../messages.py" line="62"/>
        <source>the password needs at least {min} characters</source>
        <translation>a senha precisa de pelo menos {min} caracteres</translation>
    </message>
    <message>
        <location filename="../messages.py" line="63"/>
        <source>say why the footage is copied (a police report, a court order, a person&apos;s request)</source>
        <translation>informe por que as imagens são copiadas (um boletim de ocorrência, uma ordem judicial, o pedido de uma pessoa)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="73"/>
        <source>camera {camera_id} has no substream</source>
        <translation>a câmera {camera_id} não tem substream</translation>
    </message>
    <message>
        <location filename="../messages.py" line="74"/>
        <source>camera {camera_id} sent no live video within {seconds} s</source>
        <translation>a câmera {camera_id} não enviou vídeo ao vivo em {seconds} s</translation>
    </message>
    <message>
        <location filename="../messages.py" line="75"/>
        <source>camera {camera_id} has no picture yet</source>
        <translation>a câmera {camera_id} ainda não tem imagem</translation>
    </message>
    <message>
        <location filename="../messages.py" line="76"/>
        <source>the {field} is not a valid address</source>
        <translation>o campo {field} não é um endereço válido</translation>
    </message>
    <message>
        <location filename="../messages.py" line="77"/>
        <source>the {field} must start with rtsp:// (got {scheme})</source>
        <translation>o campo {field} deve começar com rtsp:// (veio {scheme})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="78"/>
        <source>the {field} has no camera address after rtsp://</source>
        <translation>o campo {field} não tem o endereço da câmera depois de rtsp://</translation>
    </message>
    <message>
        <location filename="../messages.py" line="79"/>
        <source>the {field} has an invalid port</source>
        <translation>o campo {field} tem uma porta inválida</translation>
    </message>
    <message>
        <location filename="../messages.py" line="80"/>
        <source>the camera needs a name</source>
        <translation>a câmera precisa de um nome</translation>
    </message>
    <message>
        <location filename="../messages.py" line="85"/>
        <source>the motion sensitivity goes from {min} to {max}</source>
        <translation>a sensibilidade de movimento vai de {min} a {max}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="92"/>
        <source>camera {camera_id}&apos;s saved password is only sent to its own address: type the password</source>
        <translation>a senha salva da câmera {camera_id} só é enviada ao endereço dela: digite a senha</translation>
    </message>
    <message>
        <location filename="../messages.py" line="94"/>
        <source>the period starts after it ends</source>
        <translation>o período começa depois de terminar</translation>
    </message>
    <message>
        <location filename="../messages.py" line="95"/>
        <source>the event&apos;s kind is not valid</source>
        <translation>o tipo do evento não é válido</translation>
    </message>
    <message>
        <location filename="../messages.py" line="96"/>
        <source>the kind {kind} is the recorder&apos;s own</source>
        <translation>o tipo {kind} é do próprio gravador</translation>
    </message>
    <message>
        <location filename="../messages.py" line="97"/>
        <source>the event&apos;s time {time} is in the future</source>
        <translation>o horário do evento {time} está no futuro</translation>
    </message>
    <message>
        <location filename="../messages.py" line="98"/>
        <source>the event ends before it starts</source>
        <translation>o evento termina antes de começar</translation>
    </message>
    <message>
        <location filename="../messages.py" line="99"/>
        <source>the event&apos;s label is longer than {max} characters or has control characters</source>
        <translation>o rótulo do evento passa de {max} caracteres ou tem caracteres de controle</translation>
    </message>
    <message>
        <location filename="../messages.py" line="101"/>
        <source>the confidence goes from {min} to {max}</source>
        <translation>a confiança vai de {min} a {max}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="102"/>
        <source>the event&apos;s picture is not base64</source>
        <translation>a imagem do evento não está em base64</translation>
    </message>
    <message>
        <location filename="../messages.py" line="103"/>
        <source>the event&apos;s picture is not a JPEG or PNG</source>
        <translation>a imagem do evento não é JPEG nem PNG</translation>
    </message>
    <message>
        <location filename="../messages.py" line="104"/>
        <source>the event&apos;s picture is larger than {max_kb} KB</source>
        <translation>a imagem do evento passa de {max_kb} KB</translation>
    </message>
    <message>
        <location filename="../messages.py" line="105"/>
        <source>event {event_id} has no picture</source>
        <translation>o evento {event_id} não tem imagem</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>the CSV file has no header line</source>
        <translation>o arquivo CSV não tem a linha de cabeçalho</translation>
    </message>
    <message>
        <location filename="../messages.py" line="107"/>
        <source>the CSV file was refused ({more} more problems)</source>
        <translation>o arquivo CSV foi recusado ({more} problemas a mais)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="109"/>
        <source>the recording {segment_id} is no longer on the recorder (removed by retention?)</source>
        <translation>a gravação {segment_id} não está mais no gravador (removida pela retenção?)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="111"/>
        <source>camera {camera_id} is not recording now</source>
        <translation>a câmera {camera_id} não está gravando agora</translation>
    </message>
    <message>
        <location filename="../messages.py" line="112"/>
        <source>clip {clip_id} has no file ({state})</source>
        <translation>o clipe {clip_id} não tem arquivo ({state})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="114"/>
        <source>the {plan} plan keeps up to {limit} clips and {count} are saved; delete a clip or move to a bigger plan</source>
        <translation>o plano {plan} guarda até {limit} clipes e {count} estão salvos; apague um clipe ou mude para um plano maior</translation>
    </message>
    <message>
        <location filename="../messages.py" line="118"/>
        <source>not enough free disk for this clip: it needs {need_bytes} bytes and {usable_bytes} can be used</source>
        <translation>não há disco livre suficiente para este clipe: ele precisa de {need_bytes} bytes e {usable_bytes} podem ser usados</translation>
    </message>
    <message>
        <location filename="../messages.py" line="120"/>
        <source>the clip needs a name</source>
        <translation>o clipe precisa de um nome</translation>
    </message>
    <message>
        <location filename="../messages.py" line="126"/>
        <source>who made the clip is longer than {max} characters or has control characters</source>
        <translation>quem fez o clipe passa de {max} caracteres ou tem caracteres de controle</translation>
    </message>
    <message>
        <location filename="../messages.py" line="128"/>
        <source>the clip starts after it ends</source>
        <translation>o clipe começa depois de terminar</translation>
    </message>
    <message>
        <location filename="../messages.py" line="130"/>
        <source>camera {camera_id} has no recording from {start} to {end}</source>
        <translation>a câmera {camera_id} não tem gravação de {start} a {end}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="132"/>
        <source>the recording {file} could not be read: {reason}</source>
        <translation>a gravação {file} não pôde ser lida: {reason}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="133"/>
        <source>the camera&apos;s video format changed at {at}: make two clips</source>
        <translation>o formato de vídeo da câmera mudou às {at}: faça dois clipes</translation>
    </message>
    <message>
        <location filename="../messages.py" line="135"/>
        <source>no bookmark {bookmark_id}</source>
        <translation>não há o marcador {bookmark_id}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="136"/>
        <source>the bookmark starts after it ends</source>
        <translation>o marcador começa depois de terminar</translation>
    </message>
    <message>
        <location filename="../messages.py" line="137"/>
        <source>the bookmark needs a title</source>
        <translation>o marcador precisa de um título</translation>
    </message>
    <message>
        <location filename="../messages.py" line="138"/>
        <source>the bookmark&apos;s title has control characters</source>
        <translation>o título do marcador tem caracteres de controle</translation>
    </message>
    <message>
        <location filename="../messages.py" line="140"/>
        <source>this bookmark is {created_by}&apos;s: only its author or a supervisor changes it</source>
        <translation>este marcador é de {created_by}: só quem o fez ou um supervisor pode alterá-lo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="142"/>
        <source>the {plan} plan holds up to {limit_hours} hours of protected footage; {used_hours} are held and this asks {asked_hours} more: release a bookmark or move to a bigger plan</source>
        <translation>o plano {plan} guarda até {limit_hours} horas de gravação protegida; {used_hours} já estão guardadas e isto pede mais {asked_hours}: libere um marcador ou passe a um plano maior</translation>
    </message>
    <message>
        <location filename="../messages.py" line="146"/>
        <source>no alarm {alarm_id}</source>
        <translation>alarme {alarm_id} não existe</translation>
    </message>
    <message>
        <location filename="../messages.py" line="147"/>
        <source>{by} has acknowledged this alarm already</source>
        <translation>{by} já reconheceu este alarme</translation>
    </message>
    <message>
        <location filename="../messages.py" line="149"/>
        <source>say what was done: an acknowledgement needs a comment</source>
        <translation>diga o que foi feito: o reconhecimento precisa de um comentário</translation>
    </message>
    <message>
        <location filename="../messages.py" line="151"/>
        <source>no alarm rule {rule_id}</source>
        <translation>regra de alarme {rule_id} não existe</translation>
    </message>
    <message>
        <location filename="../messages.py" line="154"/>
        <source>the rule is armed on no day: pick at least one</source>
        <translation>a regra não está armada em nenhum dia: escolha ao menos um</translation>
    </message>
    <message>
        <location filename="../messages.py" line="172"/>
        <source>the camera sends {codec} video, which cannot be recorded; set the camera to H.264 or H.265</source>
        <translation>a câmera envia vídeo {codec}, que não pode ser gravado; configure a câmera para H.264 ou H.265</translation>
    </message>
    <message>
        <location filename="../messages.py" line="175"/>
        <source>nothing was written for {seconds} s</source>
        <translation>nada foi gravado por {seconds} s</translation>
    </message>
    <message>
        <location filename="../messages.py" line="176"/>
        <source>the camera failed: {message}</source>
        <translation>a câmera falhou: {message}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="177"/>
        <source>the camera failed for an unknown reason</source>
        <translation>a câmera falhou por um motivo desconhecido</translation>
    </message>
    <message>
        <location filename="../messages.py" line="178"/>
        <source>the camera&apos;s address has a line break</source>
        <translation>o endereço da câmera tem uma quebra de linha</translation>
    </message>
    <message>
        <location filename="../messages.py" line="179"/>
        <source>cannot write to {folder}: {reason}</source>
        <translation>não é possível gravar em {folder}: {reason}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="180"/>
        <source>the recorder failed: {message}</source>
        <translation>o gravador falhou: {message}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="29"/>
        <source>the recorder is not running</source>
        <translation>o gravador não está em execução</translation>
    </message>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>the recorder could not start; see {log}</source>
        <translation>o gravador não pôde iniciar; veja {log}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="31"/>
        <source>the recorder did not stop in time</source>
        <translation>o gravador não parou a tempo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="36"/>
        <source>the API token is missing</source>
        <translation>falta o token da API</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37"/>
        <source>wrong API token</source>
        <translation>token da API incorreto</translation>
    </message>
    <message>
        <location filename="../messages.py" line="38"/>
        <source>the Authorization header must be &apos;Bearer&apos; and the API token</source>
        <translation>o cabeçalho Authorization deve ser &apos;Bearer&apos; e o token da API</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>the recorder does not answer to the name {host}</source>
        <translation>o gravador não responde pelo nome {host}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="65"/>
        <source>the request is not valid ({field})</source>
        <translation>o pedido não é válido ({field})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="66"/>
        <source>the recorder refused this: {detail}</source>
        <translation>o gravador recusou isto: {detail}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="67"/>
        <source>not found: {path}</source>
        <translation>não encontrado: {path}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="68"/>
        <source>the recorder does not accept {method} here</source>
        <translation>o gravador não aceita {method} aqui</translation>
    </message>
    <message>
        <location filename="../messages.py" line="69"/>
        <source>the recorder refused the request (HTTP {status})</source>
        <translation>o gravador recusou o pedido (HTTP {status})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="70"/>
        <source>the recorder could not do that; see its log</source>
        <translation>o gravador não conseguiu fazer isso; veja o registro dele</translation>
    </message>
    <message>
        <location filename="../messages.py" line="71"/>
        <source>there is no camera {camera_id}</source>
        <translation>não existe a câmera {camera_id}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="72"/>
        <source>camera {camera_id} is disabled</source>
        <translation>a câmera {camera_id} está desativada</translation>
    </message>
    <message>
        <location filename="../messages.py" line="81"/>
        <source>the camera name is longer than {max} characters</source>
        <translation>o nome da câmera passa de {max} caracteres</translation>
    </message>
    <message>
        <location filename="../messages.py" line="82"/>
        <source>the camera name has control characters</source>
        <translation>o nome da câmera tem caracteres de controle</translation>
    </message>
    <message>
        <location filename="../messages.py" line="83"/>
        <source>retention must be between {min} and {max} days</source>
        <translation>a retenção deve ficar entre {min} e {max} dias</translation>
    </message>
    <message>
        <location filename="../messages.py" line="84"/>
        <source>compression must start after {min} to {max} days</source>
        <translation>a compressão deve começar depois de {min} a {max} dias</translation>
    </message>
    <message>
        <location filename="../messages.py" line="87"/>
        <source>the motion mask must be a list of at most {max} areas</source>
        <translation>a máscara de movimento deve ser uma lista de no máximo {max} áreas</translation>
    </message>
    <message>
        <location filename="../messages.py" line="88"/>
        <source>mask area {area} must be four numbers: x, y, width, height</source>
        <translation>a área {area} da máscara deve ser quatro números: x, y, largura, altura</translation>
    </message>
    <message>
        <location filename="../messages.py" line="90"/>
        <source>mask area {area} must lie inside the picture (fractions from 0 to 1, with a width and a height)</source>
        <translation>a área {area} da máscara deve ficar dentro da imagem (frações de 0 a 1, com largura e altura)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="108"/>
        <source>no clip {clip_id}</source>
        <translation>não existe o clipe {clip_id}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="113"/>
        <source>clip {clip_id} is still being made; delete it when it is done</source>
        <translation>o clipe {clip_id} ainda está sendo feito; apague-o quando estiver pronto</translation>
    </message>
    <message>
        <location filename="../messages.py" line="121"/>
        <source>the clip name is longer than {max} characters</source>
        <translation>o nome do clipe passa de {max} caracteres</translation>
    </message>
    <message>
        <location filename="../messages.py" line="122"/>
        <source>the clip name may not contain &apos;/&apos;, &apos;\&apos; or &apos;..&apos;</source>
        <translation>o nome do clipe não pode conter &apos;/&apos;, &apos;\&apos; nem &apos;..&apos;</translation>
    </message>
    <message>
        <location filename="../messages.py" line="123"/>
        <source>the clip name has control characters</source>
        <translation>o nome do clipe tem caracteres de controle</translation>
    </message>
    <message>
        <location filename="../messages.py" line="124"/>
        <source>the notes are longer than {max} characters</source>
        <translation>as notas passam de {max} caracteres</translation>
    </message>
    <message>
        <location filename="../messages.py" line="125"/>
        <source>the notes have control characters</source>
        <translation>as notas têm caracteres de controle</translation>
    </message>
    <message>
        <location filename="../messages.py" line="129"/>
        <source>a clip may be at most {max_hours} hours long</source>
        <translation>um clipe pode ter no máximo {max_hours} horas</translation>
    </message>
    <message>
        <location filename="../messages.py" line="152"/>
        <source>the rule needs a name without control characters</source>
        <translation>a regra precisa de um nome sem caracteres de controle</translation>
    </message>
    <message>
        <location filename="../messages.py" line="155"/>
        <source>&quot;{plate}&quot; is not a plate (4 to 20 letters and digits)</source>
        <translation>&quot;{plate}&quot; não é uma placa (de 4 a 20 letras e dígitos)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="181"/>
        <source>The recording disk is full ({free_mb} MB free) and no old footage is left to delete ({clips} clips are kept, never deleted): recording has stopped; free space or add a disk</source>
        <translation>O disco de gravação está cheio ({free_mb} MB livres) e não resta gravação antiga para apagar ({clips} clipes são mantidos, nunca apagados): a gravação parou; libere espaço ou adicione um disco</translation>
    </message>
    <message>
        <location filename="../messages.py" line="185"/>
        <source>The disk is almost full ({free_mb} MB free, {need_mb} MB needed) and no old footage is left to delete ({clips} clips are kept, never deleted): free space or add a disk, or recording will stop</source>
        <translation>O disco está quase cheio ({free_mb} MB livres, {need_mb} MB necessários) e não resta gravação antiga para apagar ({clips} clipes são mantidos, nunca apagados): libere espaço ou adicione um disco, ou a gravação vai parar</translation>
    </message>
    <message>
        <location filename="../messages.py" line="189"/>
        <source>The recording disk is full ({free_mb} MB free) and old recordings could not be deleted to make room: recording has stopped; free space on the disk</source>
        <translation>O disco de gravação está cheio ({free_mb} MB livres) e as gravações antigas não puderam ser apagadas para abrir espaço: a gravação parou; libere espaço no disco</translation>
    </message>
    <message>
        <location filename="../messages.py" line="246"/>
        <source>{n} of the oldest recordings deleted early: the disk was nearly full ({free} GB free)</source>
        <translation>{n} das gravações mais antigas apagadas antes do prazo: o disco estava quase cheio ({free} GB livres)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="250"/>
        <source>The disk is almost full ({free} MB free, {need} MB needed) and only clips are left ({clips}), and clips are never deleted: free space or add a disk, or recording will stop</source>
        <translation>O disco está quase cheio ({free} MB livres, {need} MB necessários) e só restam clipes ({clips}), que nunca são apagados: libere espaço ou adicione um disco, senão a gravação vai parar</translation>
    </message>
    <message>
        <location filename="../messages.py" line="255"/>
        <source>The disk is almost full ({free} MB free, {need} MB needed) and there is no old footage left: free space or add a disk, or recording will stop</source>
        <translation>O disco está quase cheio ({free} MB livres, {need} MB necessários) e não há mais gravações antigas: libere espaço ou adicione um disco, senão a gravação vai parar</translation>
    </message>
    <message>
        <location filename="../messages.py" line="257"/>
        <source>the recordings disk is {pct} % full</source>
        <translation>o disco de gravações está {pct} % cheio</translation>
    </message>
    <message>
        <location filename="../messages.py" line="260"/>
        <source>entry {id} was changed after it was written</source>
        <translation>o registro {id} foi alterado depois de escrito</translation>
    </message>
    <message>
        <location filename="../messages.py" line="261"/>
        <source>entry {id} is missing</source>
        <translation>falta o registro {id}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="263"/>
        <source>entries {first} to {last} are missing</source>
        <translation>faltam os registros {first} a {last}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="265"/>
        <source>entry {id} does not follow entry {prev}: one was removed, changed or put in</source>
        <translation>o registro {id} não segue o registro {prev}: um foi removido, alterado ou inserido</translation>
    </message>
    <message>
        <location filename="../messages.py" line="268"/>
        <source>{pct} % of frames lost over {s} s ({lost} of {n})</source>
        <translation>{pct} % dos quadros perdidos em {s} s ({lost} de {n})</translation>
    </message>
</context>
<context>
    <name>RecorderSupervisor</name>
    <message>
        <location filename="../recorder_link.py" line="286"/>
        <source>no answer from the recorder at {url} ({why})</source>
        <translation>sem resposta do gravador em {url} ({why})</translation>
    </message>
    <message>
        <location filename="../recorder_link.py" line="293"/>
        <source>the recorder does not answer ({why})</source>
        <translation>o gravador não responde ({why})</translation>
    </message>
    <message>
        <location filename="../recorder_link.py" line="298"/>
        <source>the recorder stopped; starting it again</source>
        <translation>o gravador parou; iniciando-o de novo</translation>
    </message>
    <message>
        <location filename="../recorder_link.py" line="306"/>
        <source>the recorder could not start; see {log}</source>
        <translation>o gravador não pôde iniciar; veja {log}</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../admin/user_forms.py" line="29"/>
        <source>Viewer (live only)</source>
        <translation>Visualizador (só ao vivo)</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="30"/>
        <source>Operator (live, playback, clips)</source>
        <translation>Operador (ao vivo, reprodução, clipes)</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="31"/>
        <source>Supervisor (all footage and the audit trail)</source>
        <translation>Supervisor (todas as gravações e a trilha de auditoria)</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="32"/>
        <source>Administrator (everything)</source>
        <translation>Administrador (tudo)</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="33"/>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="34"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="35"/>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="35"/>
        <source>Viewer</source>
        <translation>Visualizador</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <location filename="../alarms/rules_dialog.py" line="68"/>
        <source>Mon</source>
        <translation>Seg</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="68"/>
        <source>Tue</source>
        <translation>Ter</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="69"/>
        <source>Wed</source>
        <translation>Qua</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="69"/>
        <source>Thu</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="70"/>
        <source>Fri</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="70"/>
        <source>Sat</source>
        <translation>Sáb</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="71"/>
        <source>Sun</source>
        <translation>Dom</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="75"/>
        <source>Alarm rule</source>
        <translation>Regra de alarme</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="83"/>
        <source>All cameras, also those added later</source>
        <translation>Todas as câmeras, também as adicionadas depois</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="99"/>
        <source>to</source>
        <translation>até</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="101"/>
        <source>(the same time: all day; 22:00 to 06:00 runs past midnight)</source>
        <translation>(a mesma hora: o dia todo; 22:00 até 06:00 passa da meia-noite)</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="104"/>
        <source>Enabled</source>
        <translation>Ativada</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="110"/>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="111"/>
        <source>When:</source>
        <translation>Quando:</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="115"/>
        <source>Cameras:</source>
        <translation>Câmeras:</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="116"/>
        <source>Armed on:</source>
        <translation>Armada em:</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="117"/>
        <source>Armed from:</source>
        <translation>Armada das:</translation>
    </message>
    <message>
        <location filename="../alarms/rules_dialog.py" line="118"/>
        <source>Escalate after:</source>
        <translation>Escalar após:</translation>
    </message>
</context>
<context>
    <name>SessionGuard</name>
    <message>
        <location filename="../session/guard.py" line="96"/>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <location filename="../session/guard.py" line="97"/>
        <source>Logged in as {name}</source>
        <translation>Conectado como {name}</translation>
    </message>
</context>
<context>
    <name>StorageAlerts</name>
    <message>
        <location filename="../storage/storage_alerts.py" line="120"/>
        <source>The recordings disk is {pct:.0f} % full (over {level} %): {free} free.</source>
        <translation>O disco de gravações está {pct:.0f} % cheio (acima de {level} %): {free} livres.</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="122"/>
        <source>The recordings disk is {pct:.0f} % full (over {level} %): {free} free, about {days} days at the current rate.</source>
        <translation>O disco de gravações está {pct:.0f} % cheio (acima de {level} %): {free} livres, cerca de {days} dias no ritmo atual.</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="126"/>
        <source>When it is full, the oldest footage is deleted before its retention ends.</source>
        <translation>Quando ele encher, as gravações mais antigas serão apagadas antes do fim da retenção.</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="134"/>
        <source>Disk {level} % full</source>
        <translation>Disco {level} % cheio</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="146"/>
        <source>Recording is in danger: {why}</source>
        <translation>A gravação está em risco: {why}</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="149"/>
        <source>Recording is in danger</source>
        <translation>A gravação está em risco</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="175"/>
        <source>Disk guard, {when}: {what}</source>
        <translation>Proteção do disco, {when}: {what}</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="177"/>
        <source>Footage deleted early</source>
        <translation>Gravações apagadas antes do prazo</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="189"/>
        <source>{camera}: {day} will be deleted today at {time} — save clips now</source>
        <translation>{camera}: o dia {day} será apagado hoje às {time} — salve os clipes agora</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="191"/>
        <source>{camera}: {day} will be deleted tomorrow — save clips now</source>
        <translation>{camera}: o dia {day} será apagado amanhã — salve os clipes agora</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="204"/>
        <location filename="../storage/storage_alerts.py" line="206"/>
        <source>Footage expires tomorrow</source>
        <translation>Gravações expiram amanhã</translation>
    </message>
    <message>
        <location filename="../storage/storage_alerts.py" line="207"/>
        <source>{n} cameras have a day that retention deletes next; see the banner.</source>
        <translation>{n} câmeras têm um dia que a retenção vai apagar em seguida; veja o aviso na janela.</translation>
    </message>
</context>
<context>
    <name>StorageView</name>
    <message>
        <location filename="../storage/storage_view.py" line="90"/>
        <source>Storage</source>
        <translation>Armazenamento</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="105"/>
        <source>All cameras</source>
        <translation>Todas as câmeras</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="121"/>
        <location filename="../storage/storage_view.py" line="129"/>
        <location filename="../storage/storage_view.py" line="132"/>
        <location filename="../storage/storage_view.py" line="135"/>
        <source>Camera</source>
        <translation>Câmera</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="121"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="122"/>
        <source>To</source>
        <translation>Até</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="126"/>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="127"/>
        <source>Run retention now…</source>
        <translation>Executar a retenção agora…</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="129"/>
        <source>Retention</source>
        <translation>Retenção</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="129"/>
        <source>Days recorded</source>
        <translation>Dias gravados</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="130"/>
        <source>Oldest day</source>
        <translation>Dia mais antigo</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="130"/>
        <location filename="../storage/storage_view.py" line="132"/>
        <source>Space used</source>
        <translation>Espaço usado</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="130"/>
        <source>Share</source>
        <translation>Parcela</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="131"/>
        <source>Rate (Mbit/s)</source>
        <translation>Taxa (Mbit/s)</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="131"/>
        <source>Frame loss (last minute)</source>
        <translation>Perda de quadros (último minuto)</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="132"/>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="132"/>
        <source>Recorded</source>
        <translation>Gravado</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="133"/>
        <source>Deleted on</source>
        <translation>Apagado em</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="133"/>
        <source>Days left</source>
        <translation>Dias restantes</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="135"/>
        <source>Deleted at</source>
        <translation>Apagado às</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="135"/>
        <source>Footage</source>
        <translation>Gravação</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="135"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="136"/>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="136"/>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="138"/>
        <source>Per camera</source>
        <translation>Por câmera</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="139"/>
        <source>Per day</source>
        <translation>Por dia</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="140"/>
        <source>Cleanup log</source>
        <translation>Registro de limpeza</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="148"/>
        <source>Delete day…</source>
        <translation>Apagar dia…</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="149"/>
        <source>Export day…</source>
        <translation>Exportar dia…</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="151"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="223"/>
        <source>(removed)</source>
        <translation>(removida)</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="228"/>
        <source>Disk: {used} of {total} used ({pct:.0f} %), {free} free; recordings {rec}.</source>
        <translation>Disco: {used} de {total} usados ({pct:.0f} %), {free} livres; gravações {rec}.</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="232"/>
        <source>Recording {rate} Mbit/s in all: the disk is full in about {days} days at this rate (then the oldest footage goes early).</source>
        <translation>Gravando {rate} Mbit/s no total: o disco enche em cerca de {days} dias neste ritmo (depois, as gravações mais antigas são apagadas antes do prazo).</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="236"/>
        <source>Nothing is being recorded at the moment.</source>
        <translation>Nada está sendo gravado no momento.</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="239"/>
        <source>Retention runs next on {when}.</source>
        <translation>A próxima execução da retenção é em {when}.</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="242"/>
        <source>Last run {when}: {n} recordings deleted ({size}).</source>
        <translation>Última execução {when}: {n} gravações apagadas ({size}).</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="247"/>
        <source>{camera}: {day} is deleted at the next run ({size}) — save clips now.</source>
        <translation>{camera}: o dia {day} será apagado na próxima execução ({size}) — salve os clipes agora.</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="276"/>
        <source>{n} days</source>
        <translation>{n} dias</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="288"/>
        <source>Measured while the camera records</source>
        <translation>Medida enquanto a câmera grava</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="289"/>
        <source>{frames} of {expected} frames over {seconds:.0f} s</source>
        <translation>{frames} de {expected} quadros em {seconds:.0f} s</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="318"/>
        <source>Deleted at the next retention run: save clips now</source>
        <translation>Será apagado na próxima execução da retenção: salve os clipes agora</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="325"/>
        <source>retention</source>
        <translation>retenção</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="325"/>
        <source>disk full (early)</source>
        <translation>disco cheio (antes do prazo)</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="326"/>
        <source>by the administrator</source>
        <translation>pelo administrador</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="379"/>
        <source>Delete day</source>
        <translation>Apagar dia</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="380"/>
        <source>Delete all footage of {camera} on {day} ({size})? It is removed for good; saved clips are kept.</source>
        <translation>Apagar todas as gravações de {camera} em {day} ({size})? Elas serão removidas definitivamente; os clipes salvos são mantidos.</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="386"/>
        <source>Deleting {camera}, {day}…</source>
        <translation>Apagando {camera}, {day}…</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="390"/>
        <source>Deleted {n} recordings ({size}) of {camera} on {day}.</source>
        <translation>{n} gravações ({size}) de {camera} em {day} apagadas.</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="404"/>
        <source>Export the day</source>
        <translation>Exportar o dia</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="409"/>
        <source>Export the day to…</source>
        <translation>Exportar o dia para…</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="426"/>
        <source>Exporting {camera}, {day}…</source>
        <translation>Exportando {camera}, {day}…</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="436"/>
        <source>Exported {n} files ({size}) to {folder}; checksums in {sums}.</source>
        <translation>{n} arquivos ({size}) exportados para {folder}; somas de verificação em {sums}.</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="439"/>
        <source>{n} files listed in the index were missing from the disk.</source>
        <translation>{n} arquivos listados no índice não estavam no disco.</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="446"/>
        <source>The day was not exported: {why}</source>
        <translation>O dia não foi exportado: {why}</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="452"/>
        <source>Run retention now</source>
        <translation>Executar a retenção agora</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="453"/>
        <source>Delete now all footage older than each camera&apos;s retention? Saved clips are kept.</source>
        <translation>Apagar agora todas as gravações mais antigas que a retenção de cada câmera? Os clipes salvos são mantidos.</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="457"/>
        <source>Running retention…</source>
        <translation>Executando a retenção…</translation>
    </message>
    <message>
        <location filename="../storage/storage_view.py" line="461"/>
        <source>Retention deleted {n} recordings ({size}).</source>
        <translation>A retenção apagou {n} gravações ({size}).</translation>
    </message>
</context>
<context>
    <name>SyncPlayerWindow</name>
    <message>
        <location filename="../playback/sync_window.py" line="207"/>
        <source>Synchronized playback: {names}</source>
        <translation>Reprodução sincronizada: {names}</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="224"/>
        <source>Synchronized playback of {n} cameras</source>
        <translation>Reprodução sincronizada de {n} câmeras</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="227"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="238"/>
        <source>Play / pause</source>
        <translation>Reproduzir / pausar</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="248"/>
        <source>Previous frame</source>
        <translation>Quadro anterior</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="251"/>
        <source>Next frame</source>
        <translation>Próximo quadro</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="254"/>
        <source>◀ Event</source>
        <translation>◀ Evento</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="254"/>
        <source>Previous event</source>
        <translation>Evento anterior</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="255"/>
        <source>Event ▶</source>
        <translation>Evento ▶</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="255"/>
        <source>Next event</source>
        <translation>Próximo evento</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="256"/>
        <source>Now</source>
        <translation>Agora</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="256"/>
        <source>Go to now</source>
        <translation>Ir para agora</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="266"/>
        <source>◀ Previous day</source>
        <translation>◀ Dia anterior</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="266"/>
        <source>Previous day</source>
        <translation>Dia anterior</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="268"/>
        <source>Next day ▶</source>
        <translation>Próximo dia ▶</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="268"/>
        <source>Next day</source>
        <translation>Próximo dia</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="270"/>
        <source>The bar shows each camera&apos;s recordings in a strip, in the tiles&apos; order</source>
        <translation>A barra mostra as gravações de cada câmera numa faixa, na ordem dos quadros</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="417"/>
        <source>No more events this day</source>
        <translation>Não há mais eventos neste dia</translation>
    </message>
</context>
<context>
    <name>SyncTile</name>
    <message>
        <location filename="../playback/sync_window.py" line="168"/>
        <source>No recording at {t}</source>
        <translation>Sem gravação às {t}</translation>
    </message>
    <message>
        <location filename="../playback/sync_window.py" line="170"/>
        <source>No recording at {t}
it resumes at {resume}</source>
        <translation>Sem gravação às {t}
ela recomeça em {resume}</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../playback/timeline.py" line="462"/>
        <source>(footage protected)</source>
        <translation>(imagens protegidas)</translation>
    </message>
</context>
<context>
    <name>UserForm</name>
    <message>
        <location filename="../admin/user_forms.py" line="123"/>
        <source>Add user</source>
        <translation>Adicionar usuário</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="123"/>
        <source>Change {name}</source>
        <translation>Alterar {name}</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="131"/>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="136"/>
        <source>Role:</source>
        <translation>Perfil:</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="139"/>
        <source>All cameras, also those added later</source>
        <translation>Todas as câmeras, também as adicionadas depois</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="140"/>
        <source>Only these cameras:</source>
        <translation>Só estas câmeras:</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="153"/>
        <source>Cameras:</source>
        <translation>Câmeras:</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="162"/>
        <source>Tick at least one camera, or choose all cameras.</source>
        <translation>Marque pelo menos uma câmera, ou escolha todas as câmeras.</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="165"/>
        <source>Type the user&apos;s name.</source>
        <translation>Digite o nome do usuário.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../admin/users_dialog.py" line="59"/>
        <source>Users</source>
        <translation>Usuários</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="62"/>
        <source>Site</source>
        <translation>Local</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="64"/>
        <source>Basic</source>
        <translation>Básico</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="64"/>
        <source>Pro</source>
        <translation>Pro</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="65"/>
        <source>Premium</source>
        <translation>Premium</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="66"/>
        <source>{plan}: up to {users} users</source>
        <translation>{plan}: até {users} usuários</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="70"/>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="71"/>
        <source> minutes without use</source>
        <translation> minutos sem uso</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="72"/>
        <source>Then the client asks for the user&apos;s password again</source>
        <translation>Então o cliente pede a senha do usuário de novo</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="73"/>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="83"/>
        <source>Plan:</source>
        <translation>Plano:</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="84"/>
        <source>Lock the client after:</source>
        <translation>Bloquear o cliente após:</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="86"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="86"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="86"/>
        <source>Cameras</source>
        <translation>Câmeras</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="86"/>
        <source>Created</source>
        <translation>Criado</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="86"/>
        <source>Locked until</source>
        <translation>Bloqueado até</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="97"/>
        <source>Add user…</source>
        <translation>Adicionar usuário…</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="98"/>
        <source>Change…</source>
        <translation>Alterar…</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="99"/>
        <source>Set password…</source>
        <translation>Definir senha…</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="100"/>
        <source>Log out everywhere</source>
        <translation>Sair de todos os lugares</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="101"/>
        <source>End every session of this user, on every computer</source>
        <translation>Encerrar todas as sessões deste usuário, em todos os computadores</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="102"/>
        <source>Remove…</source>
        <translation>Remover…</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="138"/>
        <source>{count} of {limit} users</source>
        <translation>{count} de {limit} usuários</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="145"/>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="201"/>
        <source>{name} was added.</source>
        <translation>{name} foi adicionado.</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="207"/>
        <source>{name} was changed.</source>
        <translation>{name} foi alterado.</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="213"/>
        <source>{name} has a new password.</source>
        <translation>{name} tem uma nova senha.</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/users_dialog.py" line="222"/>
        <source>%n session(s) of {name} ended.</source>
        <translation>
            <numerusform>%n sessão de {name} encerrada.</numerusform>
            <numerusform>%n sessões de {name} encerradas.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="230"/>
        <source>Remove user</source>
        <translation>Remover usuário</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="231"/>
        <source>Remove {name}? Their sessions end now; the audit trail keeps what they did.</source>
        <translation>Remover {name}? As sessões terminam agora; a trilha de auditoria guarda o que fez.</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="233"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="240"/>
        <source>{name} was removed.</source>
        <translation>{name} foi removido.</translation>
    </message>
    <message>
        <location filename="../admin/users_dialog.py" line="257"/>
        <source>The site&apos;s settings were saved.</source>
        <translation>As configurações do local foram salvas.</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../admin/user_forms.py" line="78"/>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="92"/>
        <source>Password:</source>
        <translation>Senha:</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="93"/>
        <source>Password again:</source>
        <translation>Senha de novo:</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="97"/>
        <source>Type a password.</source>
        <translation>Digite uma senha.</translation>
    </message>
    <message>
        <location filename="../admin/user_forms.py" line="99"/>
        <source>The two passwords differ.</source>
        <translation>As duas senhas são diferentes.</translation>
    </message>
</context>
</TS>
