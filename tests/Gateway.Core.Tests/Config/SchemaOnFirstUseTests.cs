using Gateway.Core.Config;
using Gateway.Core.Tests.Support;

namespace Gateway.Core.Tests.Config;

/// <summary>Tests that make the schema's build fail run alone: every other parse in the process needs it.</summary>
[CollectionDefinition(nameof(SchemaBuildFaults), DisableParallelization = true)]
public class SchemaBuildFaults
{
}

/// <summary>
/// The key table is built when first used, not at boot: on the device a static constructor that ran out
/// of memory left GatewaySchema.Instance null for good and every later parse threw NullReferenceException.
/// </summary>
[Collection(nameof(SchemaBuildFaults))]
public class SchemaOnFirstUseTests
{
    static readonly string Sample = File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "mailrig.conf"));

    [Fact]
    public void A_table_that_could_not_be_built_is_reported_and_built_again_on_the_next_parse()
    {
        try
        {
            GatewaySchema.SimulateOutOfMemory(1);

            var failed = GatewayConfig.Parse(Sample);

            Assert.Null(failed.Config);
            var error = Assert.Single(failed.Errors);
            Assert.Equal(0, error.Line);
            Assert.Equal("the table of configuration keys could not be built: out of memory (it is built again on the next try)", error.Message);

            var retried = GatewayConfig.Parse(Sample);

            Assert.True(retried.IsValid, retried.ToString());
            Assert.Equal("demo-01", retried.Config!.GetString("device.id"));
        }
        finally
        {
            GatewaySchema.SimulateOutOfMemory(0);
        }
    }

    [Fact]
    public void Every_failed_build_is_reported_until_one_succeeds()
    {
        try
        {
            GatewaySchema.SimulateOutOfMemory(3);

            for (int i = 0; i < 3; i++)
                Assert.Contains("could not be built: out of memory", GatewayConfig.Parse(Sample).ToString());

            Assert.True(GatewayConfig.Parse(Sample).IsValid);
            Assert.Same(GatewaySchema.Instance, GatewaySchema.Instance);
        }
        finally
        {
            GatewaySchema.SimulateOutOfMemory(0);
        }
    }
}
