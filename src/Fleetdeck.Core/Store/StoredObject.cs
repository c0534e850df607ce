using System.Text.Json.Nodes;

namespace Fleetdeck.Core.Store;

/// <summary>One object as a backend keeps it: its identity, version and JSON.</summary>
internal sealed record StoredObject(string KindKey, string Namespace, string Name, string Uid, long ResourceVersion, JsonObject Data);
