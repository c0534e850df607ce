using k8s;
using k8s.Models;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Config;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites;

/// <summary>
/// The Site's shared storage. With a <c>volumeSource</c> (fsx-zfs, nfs, azure-netapp): PersistentVolumes on it for the
/// Site root and each product, a claim on the root and a Job that makes the products' directories (once per distinct
/// script: upstream makes a new Job on every reconcile), and product volumes bound to their PVs. With
/// <c>sharedDirectory</c>: a shared claim mounted into Connect and Workbench at <c>/mnt/&lt;dir&gt;</c>.
/// </summary>
internal sealed class SiteVolumes
{
    public const string FsxDriver = "fsx.openzfs.csi.aws.com";
    public const string AzureNetAppClass = "azure-netapp-files";

    public List<IKubernetesObject<V1ObjectMeta>> Objects { get; } = [];

    public VolumeSpec? Connect { get; private set; }

    public VolumeSpec? Workbench { get; private set; }

    /// <summary>The shared directory's volume, mounted by Connect and Workbench.</summary>
    public VolumeSpec? Shared { get; private set; }

    public static SiteVolumes Build(SiteContext site)
    {
        // Upstream mounts no volume when none is given, so Connect's content and Workbench's home directories would
        // live and die with the pod; Fleetdeck gives each a claim of upstream's default size.
        var volumes = new SiteVolumes
        {
            Connect = site.Spec.Connect?.Volume ?? new VolumeSpec { Create = true, Size = "2Gi" },
            Workbench = site.Spec.Workbench?.Volume ?? new VolumeSpec { Create = true, Size = "2Gi" },
        };
        var type = site.Spec.VolumeSource?.Type ?? "";
        var shared = site.Spec.SharedDirectory;
        if (type.Length > 0)
        {
            var source = site.Spec.VolumeSource!;
            var subdirs = new List<string>();
            volumes.Objects.Add(Volume(site, site.Name, "", "1Gi", source));
            volumes.Objects.Add(Claim(site, site.Named("subdir"), site.Name, StorageClass(type, site.Name), "1Gi"));
            if (site.ConnectEnabled)
            {
                volumes.Connect = Product(site, "connect", site.Spec.Connect?.Volume, source, subdirs, volumes.Objects);
            }
            if (site.WorkbenchEnabled)
            {
                volumes.Workbench = Product(site, "workbench", site.Spec.Workbench?.Volume, source, subdirs, volumes.Objects);
                Product(site, "workbench-shared-storage", null, source, subdirs, volumes.Objects);
            }
            if (!string.IsNullOrEmpty(shared))
                volumes.Shared = Product(site, "shared", null, source, subdirs, volumes.Objects);
            volumes.Objects.AddRange(SubdirJob(site, subdirs));
        }

        if (!string.IsNullOrEmpty(shared))
        {
            var spec = volumes.Shared ?? new VolumeSpec { Create = true, AccessModes = ["ReadWriteMany"], Size = "10Gi" };
            if (volumes.Shared is null)
                volumes.Objects.Add(Claim(site, site.Named("shared"), null, null, "10Gi"));
            else
                volumes.Objects.Add(Claim(site, site.Named("shared"), spec.VolumeName, spec.StorageClassName, spec.Size ?? "10Gi"));
            volumes.Shared = new VolumeSpec { PvcName = site.Named("shared"), MountPath = $"/mnt/{shared}" };
        }
        return volumes;
    }

    private static VolumeSpec Product(SiteContext site, string product, VolumeSpec? given, VolumeSource source, List<string> subdirs, List<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var name = site.Named(product);
        var size = source.Type == "azure-netapp" ? "50Gi" : string.IsNullOrEmpty(given?.Size) ? "10Gi" : given.Size;
        subdirs.Add(product);
        objects.Add(Volume(site, name, product, size, source));
        // As upstream: product volumes on a volume source are always created, shared, and bound to their PV.
        return new VolumeSpec
        {
            Create = true,
            AccessModes = ["ReadWriteMany"],
            VolumeName = name,
            StorageClassName = StorageClass(source.Type!, name),
            Size = size,
            MountPath = given?.MountPath,
        };
    }

    private static string StorageClass(string type, string pv) => type switch
    {
        "fsx-zfs" => pv,
        "nfs" => $"{pv}-nfs",
        _ => AzureNetAppClass,
    };

    private static V1PersistentVolume Volume(SiteContext site, string name, string subdir, string size, VolumeSource source)
    {
        var pv = Kube.New<V1PersistentVolume>(name, null, site.Labels);
        var path = subdir.Length == 0 ? $"/{site.Name}" : $"/{site.Name}/{subdir}";
        pv.Spec = new V1PersistentVolumeSpec
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) },
            AccessModes = ["ReadWriteMany"],
            PersistentVolumeReclaimPolicy = "Retain",
            StorageClassName = StorageClass(source.Type!, name),
            MountOptions = source.Type == "fsx-zfs" ? ["nfsvers=4.1", "rsize=1048576", "wsize=1048576", "timeo=600"] : ["nfsvers=4.1"],
        };
        if (source.Type == "fsx-zfs")
        {
            pv.Spec.Csi = new V1CSIPersistentVolumeSource
            {
                Driver = FsxDriver,
                VolumeHandle = $"{source.VolumeId}{(subdir.Length == 0 ? "" : $"-{site.Name}-{subdir}")}",
                VolumeAttributes = new Dictionary<string, string>
                {
                    ["DNSName"] = source.DnsName ?? "",
                    ["ResourceType"] = "volume",
                    ["Path"] = $"/fsx{path}",
                },
            };
        }
        else
        {
            pv.Spec.Nfs = new V1NFSVolumeSource { Server = source.DnsName, Path = $"/{(source.VolumeId ?? "").Trim('/')}{path}" };
        }
        return pv;
    }

    private static V1PersistentVolumeClaim Claim(SiteContext site, string name, string? volumeName, string? storageClass, string size)
    {
        var claim = Kube.New<V1PersistentVolumeClaim>(name, site.Namespace, site.Labels);
        claim.Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteMany"],
            VolumeName = volumeName,
            StorageClassName = storageClass,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
        };
        return claim;
    }

    /// <summary>The directories' script, and one Job per distinct script, named by its hash: a reconcile never adds a Job.</summary>
    private static IEnumerable<IKubernetesObject<V1ObjectMeta>> SubdirJob(SiteContext site, List<string> subdirs)
    {
        var script = "#!/bin/sh\nset -eu\n" + string.Concat(subdirs.Select(d => $"mkdir -p /mnt/volume/{d}\nchmod 0777 /mnt/volume/{d}\n"));
        var configMap = Kube.New<V1ConfigMap>(site.Named("subdir"), site.Namespace, site.Labels);
        configMap.Data = new Dictionary<string, string> { ["subdir.sh"] = script };
        yield return configMap;
        if (site.Spec.VolumeSubdirJobOff == true) yield break;

        var job = Kube.New<V1Job>(SubdirJobName(site, script), site.Namespace, site.Labels);
        job.Spec = new V1JobSpec
        {
            BackoffLimit = 3,
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = site.Labels },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "OnFailure",
                    ImagePullSecrets = Pods.PullSecrets(site.Spec.ImagePullSecrets),
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "subdir",
                            Image = Images.Busybox,
                            Command = ["sh", "/scripts/subdir.sh"],
                            VolumeMounts = [Pods.Mount("volume", "/mnt/volume"), Pods.Mount("scripts", "/scripts", readOnly: true)],
                        },
                    ],
                    Volumes = [Pods.Pvc("volume", site.Named("subdir")), Pods.ConfigMapVolume("scripts", site.Named("subdir"), Pods.Octal("755"))],
                },
            },
        };
        yield return job;
    }

    public static string SubdirJobPrefix(string site) => $"{site}-subdir-";

    private static string SubdirJobName(SiteContext site, string script) =>
        SubdirJobPrefix(site.Name) + ConfigHash.Of([KeyValuePair.Create("subdir.sh", script)])[..6];
}
