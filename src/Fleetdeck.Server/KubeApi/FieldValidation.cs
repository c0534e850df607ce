namespace Fleetdeck.Server.KubeApi;

/// <summary>The <c>fieldValidation</c> query parameter: what to do with fields the kind does not have.</summary>
internal enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}
