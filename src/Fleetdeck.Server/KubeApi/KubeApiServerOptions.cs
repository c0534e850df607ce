using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Fleetdeck.Server.KubeApi;

/// <summary>Settings of the Kubernetes API façade. <see cref="Address"/> and <see cref="Port"/> apply to <see cref="KubeApiServer"/> only.</summary>
public sealed record KubeApiServerOptions
{
    /// <summary>Where <see cref="KubeApiServer"/> listens; loopback unless the caller decides otherwise.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port; 0 picks a free one (read it back from <see cref="KubeApiServer.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// When set, every request must carry <c>Authorization: Bearer &lt;token&gt;</c>; others get 401. kubectl (client-go) sends
    /// credentials only over TLS, never over plain http, so use it with <see cref="UseHttps"/>.
    /// </summary>
    public string? BearerToken { get; init; }

    /// <summary>Serve HTTPS (with <see cref="Certificate"/>, or a self-signed one made at start); <see cref="KubeApiServer"/> only.</summary>
    public bool UseHttps { get; init; }

    /// <summary>The serving certificate, with its private key; null with <see cref="UseHttps"/> makes a self-signed one.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Larger request bodies get 413, as the API server's 3 MiB limit does.</summary>
    public long MaxRequestBodyBytes { get; init; } = 3 * 1024 * 1024;

    /// <summary>How long a watch runs when the client gives no <c>timeoutSeconds</c> (the API server's minimum request timeout).</summary>
    public TimeSpan DefaultWatchTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// What the API server does to a custom resource with a CRD before storing it: fill in schema defaults (in place) and
    /// return every schema violation, each with its field path. Null skips it (the store's own admission still runs).
    /// A violation answers 422 <c>Invalid</c>, as the API server answers a CR that breaks its CRD's schema.
    /// </summary>
    public Func<Fleetdeck.Core.Objects.ResourceKind, System.Text.Json.Nodes.JsonObject, IReadOnlyList<Fleetdeck.Core.Objects.FieldError>>? CustomResourceValidation { get; init; }

    /// <summary>Faults to inject, for tests of clients riding through a misbehaving server; null serves faithfully.</summary>
    public Faults.KubeApiFaults? Faults { get; init; }

    /// <summary>The clock for ages in table output.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
