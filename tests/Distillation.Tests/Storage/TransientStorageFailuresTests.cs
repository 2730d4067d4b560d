using Azure;
using FaceKdGrid.Distillation.Storage;
using Polly.Timeout;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Storage;

public sealed class TransientStorageFailuresTests
{
    public static TheoryData<Exception, bool> Failures() => new()
    {
        { new RequestFailedException(0, "Connection refused"), true },
        { new RequestFailedException(408, "timeout"), true },
        { new RequestFailedException(429, "throttled"), true },
        { new RequestFailedException(500, "internal"), true },
        { new RequestFailedException(503, "server busy"), true },
        { new RequestFailedException(504, "gateway timeout"), true },
        { new RequestFailedException(403, "authentication failed"), false },
        { new RequestFailedException(404, "blob not found"), false },
        { new RequestFailedException(409, "conflict"), false },
        { new AggregateException(new RequestFailedException(503, "a"), new HttpRequestException("b")), true },
        { new AggregateException(new RequestFailedException(503, "a"), new RequestFailedException(403, "b")), false },
        { new HttpRequestException("connection reset"), true },
        { new IOException("broken pipe"), true },
        { new TimeoutRejectedException(), true },
        { new ArtifactNotFoundException("k", "somewhere"), false },
        { new DirectoryNotFoundException("gone"), false },
        { new ArtifactStoreUnavailableException("somewhere", 3, TimeSpan.FromSeconds(1), new IOException("down")), false },
        { new InvalidDataException("corrupt"), false },
        { new ArgumentException("bad key", "key"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void OnlyFailuresAHealthyStoreWouldNotRepeatAreTransient(Exception failure, bool transient)
    {
        Assert.Equal(transient, TransientStorageFailures.IsTransient(failure));
    }

    [Fact]
    public void GivingUpSummarisesAStorageAnswerWithItsStatus()
    {
        var answer = new RequestFailedException(503, "Service request failed.\nStatus: 503\nHeaders: ...", "ServerBusy", null);

        var error = new ArtifactStoreUnavailableException("http://127.0.0.1/a/b", 13, TimeSpan.FromSeconds(120), answer);

        Assert.Equal(
            "storage is unavailable at http://127.0.0.1/a/b: 13 attempts over 120.0 s failed, the last with " +
            "RequestFailedException (HTTP 503 ServerBusy): Service request failed.",
            error.Message);
        Assert.Same(answer, error.InnerException);
    }
}
