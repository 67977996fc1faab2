using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Host.Web;

/// <summary>One JSON style for the API and the live feed: camelCase, nulls left out, HTML-sensitive characters escaped.</summary>
static class WebJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
