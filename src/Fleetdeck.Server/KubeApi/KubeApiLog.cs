using Microsoft.Extensions.Logging;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// The façade's log messages. Request and response bodies are never logged: they may hold Secrets' data.
/// </summary>
internal static partial class KubeApiLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Path} -> {Status}")]
    public static partial void Request(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, Exception error, string method, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Method} {Path}: request rejected, bearer token missing or wrong")]
    public static partial void Unauthorized(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "watch of {Kind} ended: {Reason}")]
    public static partial void WatchEnded(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "A bearer token is required over plain http; kubectl sends credentials only over https (set UseHttps)")]
    public static partial void TokenOverHttp(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Kubernetes API façade listening on {Address}")]
    public static partial void Listening(ILogger logger, Uri address);
}
