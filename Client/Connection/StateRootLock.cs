using FaceKdGrid.Client.Cli;

namespace FaceKdGrid.Client.Connection;

/// <summary>
/// One embedded silo at a time over a state root: two would each activate the same grains and overwrite each other's
/// state (a sweep run would fail on its ETags when a query beside it saved). The lock is the operating system's (an
/// exclusive open, flock on Unix), so it ends with the process however the process ends.
/// </summary>
internal sealed class StateRootLock : IDisposable
{
    private const string FileName = "lock";

    private readonly FileStream file;

    private StateRootLock(FileStream file) => this.file = file;

    public static StateRootLock Acquire(string stateRoot)
    {
        Directory.CreateDirectory(stateRoot);
        try
        {
            return new StateRootLock(new FileStream(Path.Combine(stateRoot, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException error)
        {
            throw new BadInputException(
                $"another facekd process is using {stateRoot} (a sweep run?): wait for it to end, or run this from another folder ({error.Message})");
        }
    }

    public void Dispose() => file.Dispose();
}
