; Inno Setup script for CARS Desktop on Windows. Build the program first (see
; packaging/README.md), then:  iscc packaging\windows\cars-desktop.iss
; Installs for the current user (no administrator needed), with a Start menu entry.
#define AppVersion "0.1.0"

[Setup]
AppId={{6E2C7B1A-2F4D-4C8E-9B4A-CA25DE5C0001}
AppName=CARS Desktop
AppVersion={#AppVersion}
AppPublisher=CARS Desktop
DefaultDirName={localappdata}\Programs\CARS Desktop
DefaultGroupName=CARS Desktop
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=cars-desktop-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\cars-desktop.ico
UninstallDisplayIcon={app}\cars-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Files]
Source: "..\..\dist\cars-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\CARS Desktop"; Filename: "{app}\cars-desktop.exe"
Name: "{userdesktop}\CARS Desktop"; Filename: "{app}\cars-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Run]
Filename: "{app}\cars-desktop.exe"; Description: "{cm:LaunchProgram,CARS Desktop}"; Flags: nowait postinstall skipifsilent

; The group's data is not in {app}: it stays in %LOCALAPPDATA%\CARS Desktop and survives an
; uninstall or a new version.
