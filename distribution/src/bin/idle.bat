@echo off
rem The `idle` command of the distribution archive on Windows. Runs the CLI on Java 17+ from JAVA_HOME, else from
rem PATH. Class path: conf\ (e.g. simplelogger.properties), lib\* (the CLI and its libraries), plugins\* (third-party
rem jars, found by ServiceLoader). IDLE_JAVA_OPTS: extra JVM options (e.g. set IDLE_JAVA_OPTS=-Xmx2g).
rem Jumps rather than ( ) blocks: a ")" in a path such as "C:\Program Files (x86)" would end a block early.
setlocal
set "IDLE_HOME=%~dp0.."

if defined JAVA_HOME goto javaFromHome
set "JAVA_CMD=java"
where java >nul 2>nul
if not errorlevel 1 goto run
echo idle: no java found: set JAVA_HOME or put Java 17+ on PATH 1>&2
exit /b 1

:javaFromHome
set "JAVA_CMD=%JAVA_HOME%\bin\java.exe"
if exist "%JAVA_CMD%" goto run
echo idle: JAVA_HOME is set to "%JAVA_HOME%", but "%JAVA_CMD%" does not exist; point JAVA_HOME at a Java 17+ installation 1>&2
exit /b 1

:run
"%JAVA_CMD%" %IDLE_JAVA_OPTS% -cp "%IDLE_HOME%\conf;%IDLE_HOME%\lib\*;%IDLE_HOME%\plugins\*" dev.idle.cli.IdleCli %*
exit /b %ERRORLEVEL%
