namespace Gateway.DevMail.Pop3;

/// <summary>A client sent a line longer than the server reads.</summary>
sealed class LineTooLongException(int limit) : Exception($"a command line longer than {limit} bytes");
