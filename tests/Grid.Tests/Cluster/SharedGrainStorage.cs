using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace FaceKdGrid.Grid.Tests.Cluster;

/// <summary>
/// Grain storage that every silo of an in-process test cluster shares, kept as serialized bytes, so state outlives
/// the silo that wrote it (Orleans' memory storage lives in grains, which die with their silo). It stands in for
/// blob storage in tests that kill silos.
/// </summary>
public sealed class SharedGrainStorage(ConcurrentDictionary<string, (byte[] Data, string ETag)> records, Serializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (records.TryGetValue(Key(stateName, grainId), out var record))
        {
            grainState.State = serializer.Deserialize<T>(record.Data);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var etag = Guid.NewGuid().ToString("N");
        var data = serializer.SerializeToArray(grainState.State);
        records.AddOrUpdate(
            key,
            _ => grainState.ETag is null ? (data, etag) : throw new InconsistentStateException($"{key} was deleted", "", grainState.ETag),
            (_, existing) => existing.ETag == grainState.ETag ? (data, etag) : throw new InconsistentStateException($"{key} changed underneath", existing.ETag, grainState.ETag));
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        records.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
