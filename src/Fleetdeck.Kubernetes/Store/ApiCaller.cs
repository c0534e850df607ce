using System.Net.Http.Headers;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Kubernetes.Store;

/// <summary>
/// Sends one API call with a deadline, and retries it where that is safe: after 429 (the server did not process the call,
/// and says when to come back), after a connection that could not be opened, and, for reads only, after 5xx, a timeout or
/// a connection that broke. Every failure that remains becomes the store's own exception, with the server's Status.
/// </summary>
internal sealed class ApiCaller(KubeConnection connection, KubernetesStoreOptions options)
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, bool idempotent, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            StoreException failure;
            bool retryable;
            TimeSpan? retryAfter = null;
            using var request = build();
            request.Headers.Accept.Add(AcceptJson);
            using var timeout = new CancellationTokenSource(options.RequestTimeout, options.Time);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                var response = await connection.SendAsync(request, completion, deadline.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return response;
                using (response)
                {
                    failure = await StatusErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
                    retryAfter = response.Headers.RetryAfter?.Delta;
                }
                retryable = failure.Code == 429 || (idempotent && failure.Code is 500 or 502 or 503 or 504);
            }
            catch (HttpRequestException e)
            {
                // A connection never opened reached no server: safe to send again, whatever the verb.
                var neverSent = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
                failure = new StoreException(503, "ServiceUnavailable", $"cannot reach the API server at {connection.BaseUri}: {e.Message}", inner: e);
                retryable = neverSent || idempotent;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new StoreException(504, "Timeout", $"the API server at {connection.BaseUri} did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {options.RequestTimeout.TotalSeconds:0.#} s", inner: e);
                retryable = idempotent;
            }

            if (!retryable || attempt >= options.MaxRetries) throw failure;
            await Task.Delay(Delay(attempt, retryAfter), options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked && asked > TimeSpan.Zero) return asked < options.MaxRetryAfter ? asked : options.MaxRetryAfter;
        var exponential = options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        // Full jitter between half and all of the delay: retries of many clients spread out.
        var jitter = 0.5 + 0.5 * (options.Jitter ?? Random.Shared.NextDouble)();
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
