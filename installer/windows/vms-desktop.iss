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

[Tasks]
Name: "startrecorder"; Description: "{cm:StartRecorderTask}"
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

[Run]
; Recording starts now, not at the next login; as the user who ran setup, not the administrator.
Filename: "{app}\vms-desktop.exe"; Parameters: "--start-recorder"; Flags: nowait runasoriginaluser; \
  Tasks: startrecorder
Filename: "{app}\vms-desktop.exe"; Description: "{cm:LaunchApp}"; \
  Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallRun]
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
  Client: String;
  Code: Integer;
begin
  Result := '';
  Client := ExpandConstant('{app}\vms-desktop.exe');
  if FileExists(Client) then
    if not ExecAsOriginalUser(Client, '--stop-recorder', '', SW_HIDE, ewWaitUntilTerminated, Code) then
      Log('could not ask the recorder to stop: ' + SysErrorMessage(Code));
end;
