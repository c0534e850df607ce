namespace Fleetdeck.Core.Store;

/// <summary>The row operations a backend offers inside one write; <see cref="StoreSemantics"/> builds Kubernetes behaviour on them.</summary>
internal interface IRowTransaction
{
    DateTimeOffset Now { get; }

    StoredObject? Get(string kindKey, string @namespace, string name);

    bool UidExists(string uid);

    StoredObject? GetByUid(string uid);

    IReadOnlyList<(string KindKey, string Namespace, string Name)> Dependents(string ownerUid);

    long NextResourceVersion();

    void Put(StoredObject obj, string json, IEnumerable<string> ownerUids, bool isNew);

    void Remove(StoredObject obj);

    void Record(StoredEvent change);
}
