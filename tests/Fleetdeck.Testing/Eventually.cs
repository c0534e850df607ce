namespace Fleetdeck.Testing;

/// <summary>Polls a condition until it holds or the time runs out, for behaviour that is asynchronous by contract.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        T last;
        while (true)
        {
            last = await probe();
            if (until(last)) return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"condition not met within {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds}s{(because is null ? "" : $": {because}")}; last value: {last}");
            await Task.Delay(20);
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> probe, TimeSpan? timeout = null, string? because = null) =>
        GetAsync(probe, ok => ok, timeout, because);
}
