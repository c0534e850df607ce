using k8s;
using k8s.Models;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Runtime;

public sealed class FinalizerTests : IAsyncDisposable
{
    private readonly TestStore _store = new();

    private IObjectStore Store => _store.Store;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private sealed class CleanUp(Func<FinalizeResult> result) : IFinalizer
    {
        public string Name => "test.fleetdeck.dev/cleanup";

        public int Runs;

        public Task<FinalizeResult> FinalizeAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken cancellationToken)
        {
            Runs++;
            return Task.FromResult(result());
        }
    }

    [Fact]
    public async Task A_live_object_gets_the_finalizer_once()
    {
        var widget = await Store.CreateAsync(Widget.Make("ns", "w"));
        var finalizer = new CleanUp(() => FinalizeResult.Done);

        var first = await Finalizers.HandleAsync(Store, widget, finalizer, CancellationToken.None);
        var second = await Finalizers.HandleAsync(Store, first.Object!, finalizer, CancellationToken.None);

        first.Stop.ShouldBeFalse();
        first.Object!.Metadata.Finalizers.ShouldBe([finalizer.Name]);
        second.Object!.Metadata.ResourceVersion.ShouldBe(first.Object.Metadata.ResourceVersion, "a finalizer already present is not written again");
        finalizer.Runs.ShouldBe(0);
    }

    [Fact]
    public async Task Deletion_runs_the_clean_up_then_lets_the_object_go()
    {
        var finalizer = new CleanUp(() => FinalizeResult.Done);
        var widget = (await Finalizers.HandleAsync(Store, await Store.CreateAsync(Widget.Make("ns", "w")), finalizer, CancellationToken.None)).Object!;
        await Store.DeleteAsync<Widget>("ns", "w");
        var terminating = (await Store.GetAsync<Widget>("ns", "w"))!;

        var outcome = await Finalizers.HandleAsync(Store, terminating, finalizer, CancellationToken.None);

        outcome.Stop.ShouldBeTrue();
        finalizer.Runs.ShouldBe(1);
        (await Store.GetAsync<Widget>("ns", "w")).ShouldBeNull();
        widget.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_blocked_clean_up_keeps_the_object_and_says_why()
    {
        var finalizer = new CleanUp(() => FinalizeResult.Blocked("RoleOwnsObjects", "the role owns objects in database x", TimeSpan.FromSeconds(30)));
        await Finalizers.HandleAsync(Store, await Store.CreateAsync(Widget.Make("ns", "w")), finalizer, CancellationToken.None);
        await Store.DeleteAsync<Widget>("ns", "w");

        var outcome = await Finalizers.HandleAsync(Store, (await Store.GetAsync<Widget>("ns", "w"))!, finalizer, CancellationToken.None);

        outcome.Stop.ShouldBeTrue();
        outcome.Result!.Completed.ShouldBeFalse();
        outcome.Result.Reason.ShouldBe("RoleOwnsObjects");
        (await Store.GetAsync<Widget>("ns", "w"))!.Metadata.DeletionTimestamp.ShouldNotBeNull();
    }

    [Fact]
    public async Task Removing_the_finalizer_is_not_cancelled_by_shutdown()
    {
        using var shutdown = new CancellationTokenSource();
        var finalizer = new CleanUp(() =>
        {
            shutdown.Cancel();
            return FinalizeResult.Done;
        });
        await Finalizers.HandleAsync(Store, await Store.CreateAsync(Widget.Make("ns", "w")), finalizer, CancellationToken.None);
        await Store.DeleteAsync<Widget>("ns", "w");

        await Finalizers.HandleAsync(Store, (await Store.GetAsync<Widget>("ns", "w"))!, finalizer, shutdown.Token);

        (await Store.GetAsync<Widget>("ns", "w")).ShouldBeNull();
    }
}
