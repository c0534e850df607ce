using System.Reflection;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Config;

namespace Fleetdeck.TeamOperator.Products.Workbench;

/// <summary>
/// Workbench's files from its config groups, each group with its writer: server files (ConfigMap <c>n</c>), session
/// files (ConfigMap <c>n-session</c>, also in <c>n</c>), secret files (Secret <c>n-config</c>) and supervisord programs.
/// </summary>
internal static class WorkbenchConfigFiles
{
    public static Dictionary<string, string> Server(WorkbenchConfig config)
    {
        var files = new Dictionary<string, string>();
        if (config.Ini is { } ini)
        {
            foreach (var (name, value) in ObjectJson.ToNode(ini))
            {
                if (value is not JsonObject file) continue;
                files[name] = name switch
                {
                    "launcher.kubernetes.resources.conf" => IniWriter.Write(file, ResourceProfileOrder.Sort),
                    "databricks.conf" => IniWriter.WriteSorted(file),
                    _ => IniWriter.Write(file),
                };
            }
        }
        if (config.Profiles?.LauncherKubernetesProfiles is { } profiles)
        {
            var sections = new JsonObject();
            foreach (var (name, profile) in profiles) sections[name] = ObjectJson.ToNode(profile);
            files["launcher.kubernetes.profiles.conf"] = IniWriter.WriteSorted(sections);
        }
        if (config.Dcf?.LauncherEnv is { } launcherEnv) files["launcher-env"] = DcfWriter.Write(ObjectJson.ToNode(launcherEnv));
        foreach (var (name, content) in Session(config)) files[name] = content;
        return files;
    }

    public static Dictionary<string, string> Session(WorkbenchConfig config)
    {
        var files = new Dictionary<string, string>();
        if (config.SessionIni is { } sessionIni)
            foreach (var (name, value) in ObjectJson.ToNode(sessionIni))
                if (value is JsonObject file) files[name] = IniWriter.Write(file);
        if (config.SessionNewline?.VsCodeExtensions is { } vscode) files["vscode.extensions.conf"] = NewlineListWriter.Write(vscode);
        if (config.SessionNewline?.PositronExtensions is { } positron) files["positron.extensions.conf"] = NewlineListWriter.Write(positron);
        if (config.SessionJson?.VsCodeUserSettings is { } vscodeSettings) files["vscode-user-settings.json"] = JsonConfigWriter.Write(vscodeSettings);
        if (config.SessionJson?.PositronUserSettings is { } positronSettings) files["positron-user-settings.json"] = JsonConfigWriter.Write(positronSettings);
        return files;
    }

    public static Dictionary<string, string> Secret(WorkbenchSecretIniConfig? secrets)
    {
        var files = new Dictionary<string, string>();
        if (secrets is null) return files;
        if (secrets.Database is { } database) files["database.conf"] = IniWriter.Write(ObjectJson.ToNode(database));
        if (secrets.OpenidClientSecret is { } openid) files["openid-client-secret"] = IniWriter.Write(ObjectJson.ToNode(openid));
        if (secrets.Databricks is { Count: > 0 } databricks)
        {
            var sections = new JsonObject();
            foreach (var (name, entry) in databricks) sections[name] = ObjectJson.ToNode(entry);
            files["databricks.conf"] = IniWriter.WriteSorted(sections);
        }
        return files;
    }

    /// <summary>Supervisord programs by file name.</summary>
    public static Dictionary<string, string> Supervisor(SupervisordIniConfig? supervisord)
    {
        var files = new Dictionary<string, string>();
        foreach (var (file, programs) in supervisord?.Programs ?? [])
        {
            var sections = new JsonObject();
            foreach (var (name, program) in programs) sections[name] = ObjectJson.ToNode(program);
            files[file] = SupervisordWriter.Write(sections);
        }
        return files;
    }

    /// <summary>The login ConfigMap: <c>login.defs</c>, the PAM session stack and a profile script, all with umask 077.</summary>
    public static Dictionary<string, string> Login() => new()
    {
        ["99-ptd.sh"] = Asset("99-ptd.sh"),
        ["common-session"] = Asset("common-session"),
        ["login.defs"] = Asset("login.defs"),
    };

    private static string Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"workbench/{name}")
            ?? throw new InvalidOperationException($"embedded asset {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
