namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>
/// What rendering needs besides the spec: values generated once and kept (keys, passwords), and the few values read
/// from a vault. The controller answers from the cluster; <c>fleetdeck render</c> answers with placeholders, so render
/// output never holds secret material.
/// </summary>
public interface IRenderInputs
{
    /// <summary>The value of <paramref name="key"/> in the generated Secret <paramref name="secret"/>: kept if it exists, else new.</summary>
    string Generated(string secret, string key, GeneratedValue kind);

    /// <summary>Whether <paramref name="key"/> was generated before (and is kept in <paramref name="secret"/>).</summary>
    bool HasGenerated(string secret, string key);

    /// <summary>A key of a Kubernetes vault Secret, or null when the Secret or key is absent.</summary>
    string? VaultValue(string vault, string key);

    /// <summary>
    /// The database provisioner's password revision of a PostgresDatabase (changes on rotation), or null while it has none.
    /// It is part of the product's config hash, so a rotated password rolls the pods.
    /// </summary>
    string? DatabasePasswordRevision(string postgresDatabase);
}

public enum GeneratedValue
{
    /// <summary>64 hex characters.</summary>
    HexKey,

    /// <summary>A 25-character password of letters and digits.</summary>
    Password,

    /// <summary>An RSA private key (PEM).</summary>
    RsaPrivateKey,

    /// <summary>The public key (PEM) of the RSA key generated under the same Secret with key <c>launcher.pem</c>.</summary>
    RsaPublicKey,
}

/// <summary><c>fleetdeck render</c>'s inputs: placeholders instead of secrets, nothing read from a cluster.</summary>
public sealed class PlaceholderInputs : IRenderInputs
{
    public static PlaceholderInputs Instance { get; } = new();

    public string Generated(string secret, string key, GeneratedValue kind) => $"<generated on first reconcile: {kind}>";

    public bool HasGenerated(string secret, string key) => false;

    public string? VaultValue(string vault, string key) => $"<from Secret {vault}, key {key}>";

    public string? DatabasePasswordRevision(string postgresDatabase) => null;
}
