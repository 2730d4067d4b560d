using System.Text.Json;
using System.Text.Json.Serialization;
using FaceKdGrid.Records;
using Orleans.Serialization;

namespace FaceKdGrid.Grains.Serialization;

/// <summary>
/// How Orleans carries the records the engine and the grid share (FaceKdGrid.Records): as JSON, since they have no
/// Orleans attributes. Every silo and client calls this, or grain calls and grain state holding them cannot be serialized.
/// </summary>
public static class GridRecordsSerialization
{
    // An epoch that validated nothing, or whose loss diverged, reports NaN, which plain JSON has no number for.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static ISerializerBuilder AddGridRecords(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(isSupported: IsGridRecord, Json);

    private static bool IsGridRecord(Type type) => type.Assembly == typeof(EpochMetrics).Assembly;
}
