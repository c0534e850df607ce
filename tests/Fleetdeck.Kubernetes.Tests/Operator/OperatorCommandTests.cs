using System.Net;
using System.Net.Sockets;
using Fleetdeck.Kubernetes.Tests.Store;
using Fleetdeck.Server.KubeApi;

namespace Fleetdeck.Kubernetes.Tests.Operator;

/// <summary>
/// The real <c>fleetdeck operator</c> given a kubeconfig it cannot use: one clear line naming the file and the problem,
/// exit code 1, no stack trace; and a clean stop on SIGTERM.
/// </summary>
public sealed class OperatorCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("operator-cli");

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, string Error)> RunToExitAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        await using var process = OperatorProcess.Start(environment, ["operator", "--metrics-port", "0", .. args]);
        var code = await process.WaitForExitAsync();
        return (code, process.Error);
    }

    private static void ShouldBeOneLine(int code, string error, string expected)
    {
        code.ShouldBe(1);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, error);
        lines[0].ShouldStartWith("error: ");
        lines[0].ShouldContain(expected);
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_missing_kubeconfig_is_one_line_and_exit_code_1()
    {
        var path = _dir.File("nowhere/kubeconfig");

        var (code, error) = await RunToExitAsync(null, "--kubeconfig", path);

        ShouldBeOneLine(code, error, $"kubeconfig {path} does not exist");
    }

    [Fact]
    public async Task A_kubeconfig_that_is_a_directory_is_one_line_and_exit_code_1()
    {
        var (code, error) = await RunToExitAsync(null, "--kubeconfig", _dir.Path);

        ShouldBeOneLine(code, error, $"kubeconfig {_dir.Path} is a directory, not a file");
    }

    [Theory]
    [InlineData("not: [valid yaml")]
    [InlineData("apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\ncurrent-context: none\n")]
    [InlineData("\u0000\u0001\u0002 binary")]
    public async Task An_unreadable_kubeconfig_is_one_line_and_exit_code_1(string content)
    {
        var path = _dir.File("kubeconfig");
        await File.WriteAllTextAsync(path, content);

        var (code, error) = await RunToExitAsync(null, "--kubeconfig", path);

        ShouldBeOneLine(code, error, $"kubeconfig {path} cannot be used: ");
    }

    [Fact]
    public async Task A_kubeconfig_that_points_nowhere_is_one_line_and_exit_code_1()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var path = _dir.File("kubeconfig");
        KubeconfigWriter.Write(path, new Uri($"https://127.0.0.1:{port}"), "token");

        var (code, error) = await RunToExitAsync(null, "--kubeconfig", path);

        ShouldBeOneLine(code, error, $"cannot reach the Kubernetes API server at https://127.0.0.1:{port}/ (kubeconfig {path}): Connection refused");
    }

    [Fact]
    public async Task No_kubeconfig_at_all_outside_a_pod_is_one_line_and_exit_code_1()
    {
        var (code, error) = await RunToExitAsync(new Dictionary<string, string?> { ["HOME"] = _dir.Path });

        ShouldBeOneLine(code, error, "no Kubernetes cluster to talk to: pass --kubeconfig, set KUBECONFIG, or run in a pod");
    }

    [Fact]
    public async Task KUBECONFIG_is_used_when_there_is_no_flag()
    {
        var (code, error) = await RunToExitAsync(new Dictionary<string, string?> { ["KUBECONFIG"] = _dir.File("from-env") });

        ShouldBeOneLine(code, error, "no file named by KUBECONFIG");
    }

    [Fact]
    public async Task A_cluster_without_the_crds_is_one_line_saying_how_to_install_them()
    {
        // A façade that serves the built-in kinds and test kinds, none of Fleetdeck's own: no controller could ever sync.
        await using var server = await FacadeServer.StartAsync();

        var (code, error) = await RunToExitAsync(null, "--kubeconfig", server.Kubeconfig);

        ShouldBeOneLine(code, error, "which the controllers watch: install Fleetdeck's CRDs first (fleetdeck crds | kubectl apply -f -)");
        error.ShouldContain("sites.core.posit.team/v1beta1");
    }

    [Fact]
    public async Task Bad_leader_election_timings_are_refused()
    {
        await using var server = await FacadeServer.StartAsync(kinds: TestModules.BuildCatalogWithoutTests().Kinds);

        var (code, error) = await RunToExitAsync(null, "--kubeconfig", server.Kubeconfig, "--leader-elect", "--lease-duration", "2s", "--renew-deadline", "5s");

        ShouldBeOneLine(code, error, "--retry-period < --renew-deadline < --lease-duration");
    }

    [Fact]
    public async Task SIGTERM_stops_it_cleanly_with_exit_code_0()
    {
        await using var server = await FacadeServer.StartAsync(kinds: TestModules.BuildCatalogWithoutTests().Kinds);
        await using var process = OperatorProcess.Start(null, "operator", "--kubeconfig", server.Kubeconfig, "--metrics-port", "0");
        await process.WaitForOutputAsync("Fleetdeck operator running against");

        process.Signal("TERM");

        (await process.WaitForExitAsync()).ShouldBe(0, process.ToString());
        process.Output.ShouldContain("Stopping...");
    }
}
