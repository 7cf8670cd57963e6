; possuite: the Windows installer (Inno Setup 6.3 or newer).
;
; Build on Windows from the repository root, after PyInstaller has made dist\possuite\
; (see installer\README.md):
;
;     iscc installer\windows\possuite.iss
;
; -> dist\possuite-<version>-windows-x64-setup.exe
;
; The version comes from one place, possuite.__version__ (src\possuite\__init__.py): the PyInstaller
; spec writes it into possuite.exe's version resource, and this script reads it back from there.
; `iscc /DAppVersion=1.2.3 installer\windows\possuite.iss` overrides it (a CI build number, say).
;
; What it does:
; - installs for the current user by default (no administrator needed) into
;   %LOCALAPPDATA%\Programs\possuite, or for all users into Program Files when chosen;
; - Start-menu shortcut, and a desktop shortcut (ticked by default), both to possuitew.exe (no
;   console window); possuite.exe is the command-line tool in the same folder;
; - the shop's data is NOT in the program folder: possuite keeps its database, backups, the owner's
;   receipt templates and its logs in %LOCALAPPDATA%\possuite (platformdirs). Installing a newer
;   version over an older one replaces only the program; the new version copies the database into
;   backups\ and upgrades it when it first opens it;
; - the uninstaller removes the program and keeps that data, unless the box "Also delete the shop's
;   data" is ticked (silent uninstall: only with /DELETEDATA=1).

#define AppName "possuite"
#define GuiExe "possuitew.exe"
#define CliExe "possuite.exe"
#define Root AddBackslash(SourcePath) + "..\.."
#define BundleDir Root + "\dist\possuite"

#if !FileExists(BundleDir + "\" + CliExe)
  #error dist\possuite\possuite.exe is missing: run `pyinstaller --noconfirm installer\possuite.spec` first
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\" + CliExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error possuite.exe has no version information: was it built with installer\possuite.spec?
#endif
#define NumericVersion GetVersionNumbersString(BundleDir + "\" + CliExe)

[Setup]
; AppId identifies the installation across versions: never change it, or upgrades stop finding it.
AppId={{5B0C8E42-7A1D-4F3B-9C62-2E8D4A1F7B90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=possuite
AppComments=Offline-first point of sale with customer credit
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#NumericVersion}
VersionInfoDescription={#AppName} {#AppVersion} setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
; Per-user install by default (data and program under the user's profile, no UAC prompt); the
; dialog lets an administrator install for all users instead.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\resources\icons\possuite.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName} {#AppVersion}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; An open till holds files in {app}: offer to close it, do not restart it behind the cashier's back.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole program (no module of the older version left behind).
; The shop's data is elsewhere (%LOCALAPPDATA%\possuite) and is not touched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Root}\resources\icons\possuite.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; \
  IconFilename: "{app}\possuite.ico"; Comment: "Sell, collect dues, print receipts"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; \
  IconFilename: "{app}\possuite.ico"; Comment: "Sell, collect dues, print receipts"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder (Python may have left compiled files in it). Never {localappdata}\possuite
; here: the shop's data goes only when the user asks (see [Code]).
Type: filesandordirs; Name: "{app}\_internal"

[Code]
var
  DeleteShopData: Boolean;

function ShopDataDir(): String;
begin
  { platformdirs.user_data_dir("possuite", appauthor=False): database, backups\, receipts\, Logs\ }
  Result := ExpandConstant('{localappdata}\{#AppName}');
end;

function AskDeleteShopData(): Boolean;
var
  Form: TSetupForm;
  Info: TNewStaticText;
  Box: TNewCheckBox;
  OkButton: TNewButton;
begin
  Result := False;
  Form := CreateCustomForm();
  try
    Form.Caption := 'Uninstall {#AppName}';
    Form.ClientWidth := ScaleX(440);
    Form.ClientHeight := ScaleY(170);
    Form.Center;

    Info := TNewStaticText.Create(Form);
    Info.Parent := Form;
    Info.Left := ScaleX(12);
    Info.Top := ScaleY(12);
    Info.Width := Form.ClientWidth - ScaleX(24);
    Info.AutoSize := False;
    Info.WordWrap := True;
    Info.Height := ScaleY(64);
    Info.Caption := 'The program will be removed. The shop''s data (the database with every bill and ' +
      'customer balance, its backups, receipt templates and logs) is kept in:' + #13#10 + ShopDataDir() +
      #13#10 + 'so installing possuite again finds it.';

    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(12);
    Box.Top := Info.Top + Info.Height + ScaleY(12);
    Box.Width := Form.ClientWidth - ScaleX(24);
    Box.Height := ScaleY(20);
    Box.Caption := 'Also delete the shop''s data and backups (cannot be undone)';
    Box.Checked := False;

    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Width := ScaleX(90);
    OkButton.Height := ScaleY(25);
    OkButton.Left := Form.ClientWidth - OkButton.Width - ScaleX(12);
    OkButton.Top := Form.ClientHeight - OkButton.Height - ScaleY(12);
    OkButton.Caption := 'Continue';
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;

    if Form.ShowModal() = mrOk then
      Result := Box.Checked;
  finally
    Form.Free();
  end;
  if Result then
    Result := MsgBox('Delete ' + ShopDataDir() + ' with the database and every backup?' + #13#10 +
      'This cannot be undone.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

function InitializeUninstall(): Boolean;
begin
  Result := True;
  DeleteShopData := False;
  if not DirExists(ShopDataDir()) then
    Exit;
  if UninstallSilent() then
    DeleteShopData := ExpandConstant('{param:DELETEDATA|0}') = '1'
  else
    DeleteShopData := AskDeleteShopData();
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteShopData then
  begin
    if not DelTree(ShopDataDir(), True, True, True) then
      MsgBox('Some of the shop''s data could not be deleted (is possuite still open?): ' + ShopDataDir(),
        mbError, MB_OK);
  end;
end;
