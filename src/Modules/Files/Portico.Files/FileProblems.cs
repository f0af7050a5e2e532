namespace Portico.Files;

/// <summary>413: the file is larger than <c>Portico:Files:MaxBytes</c>.</summary>
internal sealed class FileTooLargeException(long maxBytes)
    : PorticoProblemException("Payload too large", $"The file is larger than the limit of {maxBytes} bytes.")
{
    public override int Status => 413;

    public override string Code => "file-too-large";
}

/// <summary>415: the content is of a type the platform does not accept, or the upload is not multipart.</summary>
internal sealed class UnsupportedFileTypeException(string detail, string code = "file-type-not-allowed")
    : PorticoProblemException("Unsupported media type", detail)
{
    public override int Status => 415;

    public override string Code { get; } = code;
}
