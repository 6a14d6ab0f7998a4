; Imbang's Windows installer, built on Linux with Debian's makensis
; (scripts/package-windows.sh passes VERSION, VERSION4, BIN and OUT).
;
;   imbang-setup-VERSION.exe            per-user install, no admin rights:
;                                       %LOCALAPPDATA%\Programs\Imbang
;   imbang-setup-VERSION.exe /ALLUSERS  every user of the PC (run as administrator):
;                                       %ProgramFiles%\Imbang
;   /S                                  silent (no questions; WebView2 is only checked and noted)
;   uninstall.exe [/S] [/HAPUSDATA]     removes the program; the data (%APPDATA%\Imbang) stays
;                                       unless /HAPUSDATA is given or the user says so
; A 64-bit installer for a 64-bit program (also what lets Debian's wine64,
; which has no 32-bit half, run it in the package test).
Target amd64-unicode
ManifestDPIAware true
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh

!define PRODUCT "Imbang"
!define PUBLISHER "BKPSDM Kota Sorong"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Imbang"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_URL "https://go.microsoft.com/fwlink/p/?LinkId=2124703"

Name "${PRODUCT}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\Imbang"
RequestExecutionLevel user
SetCompressor /SOLID lzma
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"

!define MUI_ICON "icon.ico"
!define MUI_UNICON "icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\imbang-desktop.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"

VIAddVersionKey /LANG=${LANG_INDONESIAN} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "FileDescription" "Pemasang Imbang — Mutasi ASN Seimbang"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_INDONESIAN} "ProductVersion" "${VERSION}"

Var AllUsers
Var WebView2

Function .onInit
  StrCpy $AllUsers "0"
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/ALLUSERS" $1
  ${IfNot} ${Errors}
    UserInfo::GetAccountType
    Pop $2
    ${If} $2 != "Admin"
      IfSilent +2
      MessageBox MB_ICONSTOP "Pemasangan untuk semua pengguna memerlukan hak administrator. Jalankan pemasang sebagai administrator, atau pasang tanpa /ALLUSERS untuk pengguna ini saja.$\n$\nInstalling for all users needs administrator rights."
      SetErrorLevel 740
      Abort
    ${EndIf}
    StrCpy $AllUsers "1"
    SetShellVarContext all
    StrCpy $INSTDIR "$PROGRAMFILES64\Imbang"
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

; WebView2 (the Evergreen runtime the window needs) is registered per machine
; or per user; "pv" is its version.
Function CheckWebView2
  StrCpy $WebView2 "missing"
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  SetRegView lastused
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $WebView2 "found $0"
    Return
  ${EndIf}
  DetailPrint "Microsoft Edge WebView2 Runtime belum terpasang."
  IfSilent done
!if /FileExists "MicrosoftEdgeWebview2Setup.exe"
  MessageBox MB_YESNO|MB_ICONQUESTION "Imbang memerlukan Microsoft Edge WebView2 Runtime, yang belum ada di komputer ini. Pasang sekarang?$\n$\nImbang needs the Microsoft Edge WebView2 Runtime. Install it now?" IDNO done
  InitPluginsDir
  File "/oname=$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" "MicrosoftEdgeWebview2Setup.exe"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /install' $1
  StrCpy $WebView2 "bootstrapper $1"
!else
  MessageBox MB_YESNO|MB_ICONQUESTION "Imbang memerlukan Microsoft Edge WebView2 Runtime, yang belum ada di komputer ini. Buka halaman unduhan pemasangnya sekarang?$\n$\nImbang needs the Microsoft Edge WebView2 Runtime. Open its download page now?" IDNO done
  ExecShell "open" "${WEBVIEW2_URL}"
  StrCpy $WebView2 "download page"
!endif
done:
FunctionEnd

Section "Imbang" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${BIN}\imbang-desktop.exe"
  File "${BIN}\imbang.exe"
  File "icon.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\Imbang"
  CreateShortcut "$SMPROGRAMS\Imbang\Imbang.lnk" "$INSTDIR\imbang-desktop.exe" "" "$INSTDIR\icon.ico" 0
  CreateShortcut "$SMPROGRAMS\Imbang\Hapus Imbang.lnk" "$INSTDIR\uninstall.exe" "" "$INSTDIR\uninstall.exe" 0
  CreateShortcut "$DESKTOP\Imbang.lnk" "$INSTDIR\imbang-desktop.exe" "" "$INSTDIR\icon.ico" 0

  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" $0

  Call CheckWebView2
  ; What this install did, for the uninstaller and for support.
  WriteINIStr "$INSTDIR\imbang-install.ini" "install" "version" "${VERSION}"
  WriteINIStr "$INSTDIR\imbang-install.ini" "install" "allusers" "$AllUsers"
  WriteINIStr "$INSTDIR\imbang-install.ini" "install" "webview2" "$WebView2"
SectionEnd

Function un.onInit
  ReadINIStr $AllUsers "$INSTDIR\imbang-install.ini" "install" "allusers"
  ${If} $AllUsers == "1"
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Delete "$INSTDIR\imbang-desktop.exe"
  Delete "$INSTDIR\imbang.exe"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\imbang-install.ini"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Imbang\Imbang.lnk"
  Delete "$SMPROGRAMS\Imbang\Hapus Imbang.lnk"
  RMDir "$SMPROGRAMS\Imbang"
  Delete "$DESKTOP\Imbang.lnk"
  DeleteRegKey SHCTX "${UNINST_KEY}"

  ; The data (database, backups, downloaded updates) belongs to the user,
  ; in %APPDATA%\Imbang: kept unless asked.
  SetShellVarContext current
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/HAPUSDATA" $1
  ${IfNot} ${Errors}
    RMDir /r "$APPDATA\Imbang"
  ${ElseIfNot} ${Silent}
    ${If} ${FileExists} "$APPDATA\Imbang\*.*"
      MessageBox MB_YESNO|MB_DEFBUTTON2|MB_ICONQUESTION "Hapus juga data Imbang di komputer ini ($APPDATA\Imbang)? Pilih Tidak untuk menyimpannya (disarankan; pemasangan ulang akan memakainya lagi).$\n$\nAlso delete the Imbang data on this computer?" IDNO keep
      RMDir /r "$APPDATA\Imbang"
      keep:
    ${EndIf}
  ${EndIf}
SectionEnd
