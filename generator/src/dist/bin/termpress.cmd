@echo off
rem termpress launcher for Windows: runs lib\termpress.jar with the Java in JAVA_HOME, else the
rem first java on PATH. JAVA_OPTS and TERMPRESS_OPTS go to the JVM. Needs a Java 17 or newer.
setlocal
set "TERMPRESS_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE=java.exe"
)
if defined JAVA_HOME if not exist "%JAVA_EXE%" (
  echo termpress: JAVA_HOME is %JAVA_HOME%, but %JAVA_EXE% does not exist; set JAVA_HOME to a JDK 17 or newer 1>&2
  exit /b 2
)
"%JAVA_EXE%" %JAVA_OPTS% %TERMPRESS_OPTS% -jar "%TERMPRESS_HOME%\lib\termpress.jar" %*
exit /b %ERRORLEVEL%
