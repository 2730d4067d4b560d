namespace FaceKdGrid.Client.Cli;

/// <summary>Input the command cannot use; the message says what is wrong (one problem per line) and how to fix it.</summary>
public sealed class BadInputException(string message) : Exception(message);
