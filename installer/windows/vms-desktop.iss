; Inno Setup 6.3+ script: setup.exe for VMS Desktop from the PyInstaller folder.
; From the repository root, in the project's virtual environment:
;   pyinstaller --noconfirm --distpath dist --workpath build installer\vms.spec
;   iscc /DAppVersion=0.1.0 installer\windows\vms-desktop.iss
; gives dist\vms-desktop-0.1.0-windows-x64-setup.exe. The spec takes FFmpeg from PATH (or
; VMS_FFMPEG_DIR) and libVLC from the VLC installation (or VMS_VLC_DIR); both 64-bit.
;
; Start the recorder at login (an optional task): a Run registry value that starts
; "vms-desktop.exe --start-recorder", not vms-recorder.exe itself. vms-recorder.exe is a console
; program: started at login it would keep a console window open all day, and closing that window
; would stop the recording. vms-desktop.exe is a windowed program; with --start-recorder it opens
; no window, starts vms-recorder.exe hidden (no console window, its own process group, outside
; any job of the login session), waits until it listens and exits; when a recorder already runs
; for the data dir it does nothing. The value lives under HKA: the current user's Run key for a
; per-user install, the machine's for an all-users one (each user then records into their own
; data dir, as the recorder would when started by the client).
;
; The site's recorder as a Windows service (an optional task, offered on an install for all
; users, which runs as administrator): "vms-recorder.exe windows-service install" registers it
; to start at boot, before anyone logs in, under its own virtual account NT SERVICE\vms-recorder;
; its data lives in %ProgramData%\vms-desktop\data, readable only by that account and the
; administrators (footage of people is personal data), and it publishes where its API listens in
; %ProgramData%\vms-desktop\recorder.json, which the client reads: every user's client then logs
; in to that recorder instead of starting one of its own. The SCM restarts a failed service.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\vms-desktop"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\vms\icons\vms-desktop.ico"
#endif
#define AppName "VMS Desktop"
#define RunValue "VMS Desktop recorder"

[Setup]
AppId={{087AEC41-CFC9-418B-A5BC-C95E6F82436E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user by default (no administrator needed); the dialog offers an install for all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=vms-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\vms-desktop.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A recorder that --stop-recorder could not reach (another user's) still holds its files:
; let the Restart Manager close it. Its segments survive (fragmented MP4, indexed at next start).
CloseApplications=force
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ptbr"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[CustomMessages]
en.StartRecorderTask=Start the recorder at login (keeps recording with the window closed)
ptbr.StartRecorderTask=Iniciar o gravador ao entrar no Windows (grava mesmo com a janela fechada)
en.LaunchApp=Open VMS Desktop
ptbr.LaunchApp=Abrir o VMS Desktop
en.ServiceTask=Record as a Windows service from boot, for every user of this computer (the site's recorder)
ptbr.ServiceTask=Gravar como serviço do Windows desde a inicialização, para todos os usuários (o gravador do local)

[Tasks]
Name: "service"; Description: "{cm:ServiceTask}"; Check: IsAdminInstallMode
Name: "startrecorder"; Description: "{cm:StartRecorderTask}"; Check: not WizardIsTaskSelected('service')
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's libraries: a stale DLL left beside the new ones could be loaded instead.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\vms-desktop.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\vms-desktop.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "{#RunValue}"; \
  ValueData: """{app}\vms-desktop.exe"" --start-recorder"; Flags: uninsdeletevalue; Tasks: startrecorder

[Dirs]
; The service's data: its account and the administrators only (inheritance from ProgramData removed).
Name: "{commonappdata}\vms-desktop\data"; Tasks: service

[Run]
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\vms-desktop\data"" /inheritance:r /grant:r ""NT SERVICE\vms-recorder:(OI)(CI)F"" ""*S-1-5-32-544:(OI)(CI)F"" ""*S-1-5-18:(OI)(CI)F"""; \
  Flags: runhidden waituntilterminated; Tasks: service; StatusMsg: "Securing the recordings folder..."
Filename: "{app}\vms-recorder.exe"; Parameters: "windows-service install"; Flags: runhidden waituntilterminated; \
  Tasks: service
Filename: "{sys}\sc.exe"; Parameters: "failure vms-recorder reset= 86400 actions= restart/5000/restart/10000/restart/30000"; \
  Flags: runhidden waituntilterminated; Tasks: service
Filename: "{app}\vms-recorder.exe"; Parameters: "windows-service start"; Flags: runhidden waituntilterminated; \
  Tasks: service
; Recording starts now, not at the next login; as the user who ran setup, not the administrator.
Filename: "{app}\vms-desktop.exe"; Parameters: "--start-recorder"; Flags: nowait runasoriginaluser; \
  Tasks: startrecorder
Filename: "{app}\vms-desktop.exe"; Description: "{cm:LaunchApp}"; \
  Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallRun]
; The service first (its recorder finishes its files through the API), then removed.
Filename: "{app}\vms-recorder.exe"; Parameters: "windows-service stop"; Flags: runhidden waituntilterminated; \
  RunOnceId: "StopService"
Filename: "{app}\vms-recorder.exe"; Parameters: "windows-service remove"; Flags: runhidden waituntilterminated; \
  RunOnceId: "RemoveService"
; Let the recorder finish its files before they are removed; whatever still runs is then ended.
; The recordings, clips and index stay in the user's data folder: they may be evidence.
Filename: "{app}\vms-desktop.exe"; Parameters: "--stop-recorder"; Flags: runhidden waituntilterminated; \
  RunOnceId: "StopRecorder"
Filename: "{sys}\taskkill.exe"; Parameters: "/F /T /IM vms-recorder.exe"; Flags: runhidden waituntilterminated; \
  RunOnceId: "EndRecorder"

[Code]
// Before an update replaces the files: the running recorder finishes its segments and exits
// (as the user who ran setup, whose data dir it records into).
function PrepareToInstall(var NeedsRestart: Boolean): String;
var
  Client, Recorder: String;
  Code: Integer;
begin
  Result := '';
  Recorder := ExpandConstant('{app}\vms-recorder.exe');
  // the service (an earlier all-users install) stops before its program is replaced
  if IsAdminInstallMode and FileExists(Recorder) then
    Exec(Recorder, 'windows-service stop', '', SW_HIDE, ewWaitUntilTerminated, Code);
  Client := ExpandConstant('{app}\vms-desktop.exe');
  if FileExists(Client) then
    if not ExecAsOriginalUser(Client, '--stop-recorder', '', SW_HIDE, ewWaitUntilTerminated, Code) then
      Log('could not ask the recorder to stop: ' + SysErrorMessage(Code));
end;
