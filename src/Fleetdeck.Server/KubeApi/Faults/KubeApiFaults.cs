using Microsoft.AspNetCore.Http;

namespace Fleetdeck.Server.KubeApi.Faults;

/// <summary>
/// Misbehaviour on request, for tests of what talks to the façade: the failures a real API server and the network
/// between produce. Give it to <see cref="KubeApiServerOptions.Faults"/> and arm it while clients run.
/// <list type="bullet">
/// <item><see cref="FailNext"/>: the next N matching requests get 409, 429 (with <c>Retry-After</c>), 500, 503 or any code.</item>
/// <item><see cref="StallNextWatches"/>: the next N watches answer 200 and then send nothing, ever (a half-dead connection).</item>
/// <item><see cref="DropWatches"/>: every open watch connection is reset now.</item>
/// <item><see cref="ExpireNextWatches"/>: the next N watches end at once with a 410 <c>Expired</c> ERROR event, as after
///   etcd compaction (compacting the store behind the façade does it for real).</item>
/// </list>
/// </summary>
public sealed class KubeApiFaults
{
    private readonly Lock _gate = new();
    private readonly List<Armed> _failures = [];
    private readonly List<Armed> _stalls = [];
    private readonly List<Armed> _expiries = [];
    private readonly Dictionary<HttpContext, FaultTarget> _openWatches = [];
    private int _served;

    /// <summary>How many faults have been served so far (failed requests, stalled, expired and dropped watches).</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Watches open now.</summary>
    public int OpenWatches
    {
        get { lock (_gate) return _openWatches.Count; }
    }

    /// <summary>The next <paramref name="count"/> requests that match <paramref name="when"/> (all, by default) fail with <paramref name="code"/>.</summary>
    public void FailNext(int count, int code, Func<FaultTarget, bool>? when = null) => Arm(_failures, count, when, code);

    public void StallNextWatches(int count, Func<FaultTarget, bool>? when = null) => Arm(_stalls, count, when, 0);

    public void ExpireNextWatches(int count, Func<FaultTarget, bool>? when = null) => Arm(_expiries, count, when, 0);

    /// <summary>Resets the connection of every open watch that matches; returns how many went.</summary>
    public int DropWatches(Func<FaultTarget, bool>? when = null)
    {
        List<HttpContext> dropped;
        lock (_gate) dropped = [.. _openWatches.Where(w => when?.Invoke(w.Value) ?? true).Select(w => w.Key)];
        foreach (var http in dropped) http.Abort();
        Interlocked.Add(ref _served, dropped.Count);
        return dropped.Count;
    }

    /// <summary>Disarms every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _failures.Clear();
            _stalls.Clear();
            _expiries.Clear();
        }
    }

    /// <summary>The failure this request gets, if one is armed for it.</summary>
    internal ApiException? TakeFailure(FaultTarget target, HttpResponse response)
    {
        if (Take(_failures, target) is not { } armed) return null;
        var resource = target.Name is null ? target.Kind.Key : $"{target.Kind.Key} \"{target.Name}\"";
        switch (armed.Code)
        {
            case 409:
                return new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {resource}: the object has been modified; please apply your changes to the latest version and try again (injected)",
                    new StatusDetails(target.Name, target.Kind.Group, target.Kind.Plural));
            case 429:
                // What API priority and fairness answers: come back in a second.
                response.Headers.RetryAfter = "1";
                return new ApiException(429, "TooManyRequests", "Too many requests, please try again later. (injected)", new StatusDetails(target.Name, target.Kind.Group, target.Kind.Plural) { RetryAfterSeconds = 1 });
            case 500:
                return new ApiException(500, "InternalError", "Internal error occurred: injected fault");
            case 503:
                return new ApiException(503, "ServiceUnavailable", "The server is currently unable to handle the request (injected)");
            default:
                return new ApiException(armed.Code, "Unknown", $"injected HTTP {armed.Code}");
        }
    }

    internal bool TakeStall(FaultTarget target) => Take(_stalls, target) is not null;

    internal bool TakeExpiry(FaultTarget target) => Take(_expiries, target) is not null;

    /// <summary>Registers an open watch until the returned handle is disposed, so that <see cref="DropWatches"/> can reset it.</summary>
    internal IDisposable Track(FaultTarget target, HttpContext http)
    {
        lock (_gate) _openWatches[http] = target;
        return new Tracked(this, http);
    }

    private void Arm(List<Armed> list, int count, Func<FaultTarget, bool>? when, int code)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate) list.Add(new Armed(count, code, when));
    }

    private Armed? Take(List<Armed> list, FaultTarget target)
    {
        lock (_gate)
        {
            foreach (var armed in list)
            {
                if (armed.Remaining <= 0 || !(armed.When?.Invoke(target) ?? true)) continue;
                armed.Remaining--;
                list.RemoveAll(a => a.Remaining <= 0);
                Interlocked.Increment(ref _served);
                return armed;
            }
            return null;
        }
    }

    private sealed class Armed(int remaining, int code, Func<FaultTarget, bool>? when)
    {
        public int Remaining { get; set; } = remaining;

        public int Code { get; } = code;

        public Func<FaultTarget, bool>? When { get; } = when;
    }

    private sealed class Tracked(KubeApiFaults faults, HttpContext http) : IDisposable
    {
        public void Dispose()
        {
            lock (faults._gate) faults._openWatches.Remove(http);
        }
    }
}
