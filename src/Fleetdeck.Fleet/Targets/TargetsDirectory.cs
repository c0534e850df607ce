using System.Text.Json;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Fleet.Targets;

/// <summary>
/// A targets directory: control rooms in <c>__ctrl__/&lt;name&gt;/</c> and workloads in <c>__work__/&lt;name&gt;/</c>, each with a
/// <c>fleetdeck.yaml</c> or PTD's <c>ptd.yaml</c>. Every target is read; problems are kept per target, so one broken workload
/// does not stop the others, and <see cref="Resolve"/> refuses a target with problems of its own or of its control room.
/// </summary>
public sealed class TargetsDirectory
{
    public const string ControlRoomsFolder = "__ctrl__";
    public const string WorkloadsFolder = "__work__";
    public const string FleetdeckFile = "fleetdeck.yaml";
    public const string PtdFile = "ptd.yaml";

    private readonly Dictionary<string, List<TargetError>> _errors = new(StringComparer.Ordinal);

    private TargetsDirectory(string path) => Path = path;

    public string Path { get; }

    public IReadOnlyList<ControlRoomTarget> ControlRooms { get; private set; } = [];

    public IReadOnlyList<WorkloadTarget> Workloads { get; private set; } = [];

    /// <summary>Every target's name, control rooms first.</summary>
    public IReadOnlyList<string> Names { get; private set; } = [];

    public static TargetsDirectory Load(string path)
    {
        if (!Directory.Exists(path))
            throw new TargetsException(new TargetError(path, 0, "", $"targets directory does not exist: create it with {ControlRoomsFolder}/ and {WorkloadsFolder}/, or point --targets-config-dir (or FLEETDECK_TARGETS_CONFIG_DIR, or targets_config_dir in the config file) at yours"));
        var ctrl = System.IO.Path.Combine(path, ControlRoomsFolder);
        var work = System.IO.Path.Combine(path, WorkloadsFolder);
        if (!Directory.Exists(ctrl) && !Directory.Exists(work))
            throw new TargetsException(new TargetError(path, 0, "", $"not a targets directory (it has neither {ControlRoomsFolder}/ nor {WorkloadsFolder}/): point --targets-config-dir at the folder that holds them"));

        var directory = new TargetsDirectory(path);
        var sites = new ObjectSiteLoader();
        var rooms = new List<ControlRoomTarget>();
        var workloads = new List<WorkloadTarget>();
        var names = new List<string>();
        foreach (var folder in Folders(ctrl))
        {
            var name = System.IO.Path.GetFileName(folder);
            names.Add(name);
            if (directory.Read(name, folder, TargetKind.ControlRoom, sites) is ControlRoomTarget room) rooms.Add(room);
        }
        foreach (var folder in Folders(work))
        {
            var name = System.IO.Path.GetFileName(folder);
            if (names.Contains(name, StringComparer.Ordinal))
                directory.Add(name, new TargetError(folder, 0, "", $"target \"{name}\" is both a control room and a workload: rename one of {ControlRoomsFolder}/{name} and {WorkloadsFolder}/{name}"));
            else
                names.Add(name);
            if (directory.Read(name, folder, TargetKind.Workload, sites) is WorkloadTarget workload) workloads.Add(workload);
        }
        directory.ControlRooms = rooms;
        directory.Workloads = workloads;
        directory.Names = names;
        directory.CheckAcross();
        return directory;
    }

    /// <summary>The problems of one target (its own and those it shares with others), empty when it is usable.</summary>
    public IReadOnlyList<TargetError> ErrorsOf(string name) => _errors.TryGetValue(name, out var list) ? list : [];

    /// <summary>A usable target by name; unknown names and targets with problems throw, one line per problem.</summary>
    public Target Resolve(string name)
    {
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            var near = SpecReader.Nearest(name, Names);
            throw new TargetsException(new TargetError(Path, 0, "", $"unknown target \"{name}\"{(near is null ? "" : $": did you mean \"{near}\"?")} (control rooms: {List(ControlRooms.Select(c => c.Name))}; workloads: {List(Workloads.Select(w => w.Name))})"));
        }
        var errors = ErrorsOf(name).ToList();
        Target? target = (Target?)ControlRooms.FirstOrDefault(c => c.Name == name) ?? Workloads.FirstOrDefault(w => w.Name == name);
        if (target is WorkloadTarget workload && ControlRooms.All(c => c.Name != workload.ControlRoom) && errors.Count == 0)
            errors.Add(workload.Source.Error(workload.ControlRoomField, $"control room \"{workload.ControlRoom}\" does not exist (have: {List(ControlRooms.Select(c => c.Name))}): add {ControlRoomsFolder}/{workload.ControlRoom}/ or fix the name"));
        if (target is WorkloadTarget w2 && errors.Count == 0)
            errors.AddRange(ErrorsOf(w2.ControlRoom));
        if (errors.Count > 0 || target is null) throw new TargetsException(errors.Count > 0 ? errors : [new TargetError(Path, 0, "", $"target \"{name}\" could not be read")]);
        return target;
    }

    public ControlRoomTarget ControlRoomOf(WorkloadTarget workload) => ControlRooms.First(c => c.Name == workload.ControlRoom);

    /// <summary>The workloads of a control room, in name order.</summary>
    public IReadOnlyList<string> WorkloadNamesOf(string controlRoom) =>
        [.. Names.Where(n => Workloads.Any(w => w.Name == n && w.ControlRoom == controlRoom) || ErrorsOf(n).Count > 0 && Workloads.All(w => w.Name != n) && IsWorkloadFolder(n))];

    private bool IsWorkloadFolder(string name) => Directory.Exists(System.IO.Path.Combine(Path, WorkloadsFolder, name));

    private static string List(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private static IEnumerable<string> Folders(string path) =>
        Directory.Exists(path) ? Directory.EnumerateDirectories(path).Where(d => !System.IO.Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal) : [];

    private void Add(string name, TargetError error)
    {
        if (!_errors.TryGetValue(name, out var list)) _errors[name] = list = [];
        list.Add(error);
    }

    private Target? Read(string name, string folder, TargetKind expected, ObjectSiteLoader sites)
    {
        var native = System.IO.Path.Combine(folder, FleetdeckFile);
        var ptd = System.IO.Path.Combine(folder, PtdFile);
        var file = File.Exists(native) ? native : File.Exists(ptd) ? ptd : null;
        if (File.Exists(native) && File.Exists(ptd))
        {
            Add(name, new TargetError(folder, 0, "", $"both {FleetdeckFile} and {PtdFile} are here: keep one"));
            return null;
        }
        if (file is null)
        {
            Add(name, new TargetError(folder, 0, "", $"no {FleetdeckFile} (or {PtdFile}) in this target folder: add one, or remove the folder"));
            return null;
        }

        IReadOnlyList<ManifestDocument> documents;
        try
        {
            documents = YamlReader.Read(File.ReadAllText(file), file);
        }
        catch (ManifestException e)
        {
            Add(name, new TargetError(file, e.Position?.Line ?? 0, e.Field ?? "", e.Detail));
            return null;
        }
        if (documents.Count != 1)
        {
            Add(name, new TargetError(file, 0, "", $"expected one YAML document, found {documents.Count}"));
            return null;
        }
        var document = documents[0];
        var apiVersion = Text(document, "apiVersion");
        var kind = Text(document, "kind");
        var isPtd = file == ptd;
        var format = isPtd ? TargetFormat.Ptd : TargetFormat.Fleetdeck;
        var source = new TargetSource(file, format, kind ?? "", document);
        var reader = new SpecReader(document, isPtd ? SpecReader.SnakeCase : SpecReader.CamelCase);

        string[] kinds = (isPtd, expected) switch
        {
            (false, TargetKind.ControlRoom) => ["ControlRoom"],
            (false, _) => ["Workload"],
            (true, TargetKind.ControlRoom) => [PtdTargetReader.AwsControlRoom],
            _ => [PtdTargetReader.AwsWorkload, PtdTargetReader.AzureWorkload],
        };
        var wantVersion = isPtd ? PtdTargetReader.ApiVersion : NativeTargetReader.ApiVersion;
        // PTD's own loader reads only the kind; accept its older bare "v1" too.
        if (apiVersion != wantVersion && !(isPtd && apiVersion == "v1"))
            reader.Error("apiVersion", $"expected apiVersion: {wantVersion}, got {(apiVersion is null ? "none" : $"\"{apiVersion}\"")}");
        else if (!kinds.Contains(kind))
        {
            var other = expected == TargetKind.ControlRoom ? WorkloadsFolder : ControlRoomsFolder;
            string[] otherKinds = (isPtd, expected) switch
            {
                (false, TargetKind.ControlRoom) => ["Workload"],
                (false, _) => ["ControlRoom"],
                (true, TargetKind.ControlRoom) => [PtdTargetReader.AwsWorkload, PtdTargetReader.AzureWorkload],
                _ => [PtdTargetReader.AwsControlRoom],
            };
            var belongsElsewhere = otherKinds.Contains(kind);
            reader.Error("kind", belongsElsewhere
                ? $"a {kind} belongs in {other}/, not here: move the folder"
                : $"unknown kind {(kind is null ? "(none)" : $"\"{kind}\"")}: use {string.Join(" or ", kinds)}");
        }
        else
        {
            foreach (var key in document.Root.Select(p => p.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata" or "spec")))
                reader.Error(key, $"unknown top-level field \"{key}\" (a target file has apiVersion, kind, metadata and spec)");
            var metaName = document.Root["metadata"]?["name"];
            if (metaName is not null && (metaName.GetValueKind() != JsonValueKind.String || metaName.GetValue<string>() != name))
                reader.Error("metadata.name", $"metadata.name must match the folder name \"{name}\": rename one of them");
        }

        Target? target = null;
        if (reader.Errors.Count == 0)
            target = (isPtd, expected) switch
            {
                (false, TargetKind.ControlRoom) => NativeTargetReader.ReadControlRoom(name, source, reader),
                (false, _) => NativeTargetReader.ReadWorkload(name, source, reader, sites),
                (true, TargetKind.ControlRoom) => PtdTargetReader.ReadControlRoom(name, source, reader),
                _ => PtdTargetReader.ReadWorkload(name, source, reader, sites),
            };
        foreach (var error in reader.Errors) Add(name, error);
        return reader.Errors.Count == 0 ? target : null;
    }

    /// <summary>Problems between targets: duplicate org ids, fleets the control room does not have, PTD control room names.</summary>
    private void CheckAcross()
    {
        foreach (var group in Workloads.GroupBy(w => w.OrgId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            foreach (var workload in group)
            {
                var others = string.Join(", ", group.Where(w => w != workload).Select(w => TargetError.DisplayPath(w.Source.File)));
                var field = workload.Source.Format == TargetFormat.Ptd ? "metadata.name" : workload.Source.Document.Root["spec"]?["orgId"] is null ? "metadata.name" : "spec.orgId";
                Add(workload.Name, workload.Source.Error(field, $"org id \"{workload.OrgId}\" is also used by {others}: give each workload its own spec.orgId"));
            }
        foreach (var workload in Workloads)
        {
            var room = ControlRooms.FirstOrDefault(c => c.Name == workload.ControlRoom);
            if (room is null) continue;
            if (workload.Fleet is { } fleet && !room.Fleets.Contains(fleet, StringComparer.Ordinal))
                Add(workload.Name, workload.Source.Error("spec.fleet", $"control room \"{room.Name}\" has no fleet \"{fleet}\" (has: {List(room.Fleets)}): add it to its spec.fleets or fix the name"));
        }
    }

    private static string? Text(ManifestDocument document, string field) =>
        document.Root[field]?.GetValueKind() == JsonValueKind.String ? document.Root[field]!.GetValue<string>() : null;
}
