using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Config;

namespace Fleetdeck.TeamOperator.Tests.Config;

public sealed class DcfWriterTests
{
    [Fact]
    public void A_record_puts_the_first_map_entry_on_the_field_line_and_indents_the_rest_in_key_order()
    {
        var env = new WorkbenchLauncherEnvConfig { JobType = "session", Environment = new() { ["PATH"] = "/opt/bin:/usr/bin", ["LANG"] = "C.UTF-8" } };

        DcfWriter.Write(ObjectJson.ToNode(env)).ShouldBe("\nJobType: session\nEnvironment: LANG=C.UTF-8\n  PATH=/opt/bin:/usr/bin\n");
    }

    [Fact]
    public void A_record_of_scalars_ends_with_a_newline()
    {
        DcfWriter.Write(new JsonObject { ["JobType"] = "any" }).ShouldBe("\nJobType: any\n");
    }
}

public sealed class NewlineListWriterTests
{
    [Fact]
    public void One_item_per_line_without_empty_items_and_with_a_trailing_newline()
    {
        NewlineListWriter.Write(["quarto.quarto", "", "ms-python.python"]).ShouldBe("quarto.quarto\nms-python.python\n");
        NewlineListWriter.Write([]).ShouldBe("\n");
    }
}

public sealed class SupervisordWriterTests
{
    [Fact]
    public void Programs_in_name_order_with_set_zeros_written()
    {
        var programs = new JsonObject
        {
            ["z-last"] = ObjectJson.ToNode(new SupervisordProgramConfig { Command = "/bin/z" }),
            ["rstudio-launcher"] = ObjectJson.ToNode(new SupervisordProgramConfig
            {
                User = "root",
                Command = "/usr/lib/rstudio-server/bin/rstudio-launcher",
                AutoRestart = false,
                StdOutLogFile = "/dev/stdout",
                StdOutLogFileMaxBytes = 0,
            }),
        };

        // supervisord refuses to rotate /dev/stdout: stdout_logfile_maxbytes=0 must be written, and is.
        SupervisordWriter.Write(programs).ShouldBe(
            "[program:rstudio-launcher]\nuser=root\ncommand=/usr/lib/rstudio-server/bin/rstudio-launcher\nautorestart=false\nstdout_logfile=/dev/stdout\nstdout_logfile_maxbytes=0\n" +
            "[program:z-last]\ncommand=/bin/z\n");
    }
}

public sealed class JsonConfigWriterTests
{
    [Fact]
    public void Keys_are_sorted_at_every_level_and_the_file_ends_with_a_newline()
    {
        var settings = new Dictionary<string, JsonNode?>
        {
            ["z"] = 1,
            ["editor.fontSize"] = 14,
            ["nested"] = new JsonObject { ["b"] = true, ["a"] = new JsonArray("x", "<y>") },
        };

        JsonConfigWriter.Write(settings).ShouldBe("{\"editor.fontSize\":14,\"nested\":{\"a\":[\"x\",\"<y>\"],\"b\":true},\"z\":1}\n");
    }
}

public sealed class ConfigHashTests
{
    [Fact]
    public void The_hash_depends_on_the_files_not_on_the_order_they_are_given_in()
    {
        var a = ConfigHash.Of([KeyValuePair.Create("a.conf", "1"), KeyValuePair.Create("b.conf", "2")]);
        var b = ConfigHash.Of([KeyValuePair.Create("b.conf", "2"), KeyValuePair.Create("a.conf", "1")]);
        var c = ConfigHash.Of([KeyValuePair.Create("a.conf", "1"), KeyValuePair.Create("b.conf", "3")]);

        a.ShouldBe(b);
        a.ShouldNotBe(c);
        a.Length.ShouldBe(64);
    }
}
