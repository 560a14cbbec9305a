/// The interactive shell.
public enum ShellModule {}
