using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// The one count of this silo's slots: per device its slot count, the trials running in them, the finished trials
/// still reporting their outcome, and whether it drains. Heartbeats (<see cref="Describe"/>) carry it to the registry,
/// where coordinators find free slots. Thread-safe.
/// </summary>
public sealed class SlotTable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DeviceState> devices;

    public SlotTable(string silo, string incarnation, IEnumerable<DeviceSlots> devices)
    {
        Silo = silo;
        Incarnation = incarnation;
        this.devices = devices.ToDictionary(device => device.Name, device => new DeviceState(device.Slots));
        foreach (var (name, device) in this.devices)
        {
            if (device.Slots < 1 || name.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Training:Devices: device '{name}' needs a name without '/' and at least 1 slot (got {device.Slots})", nameof(devices));
            }
        }
    }

    public string Silo { get; }

    /// <summary>Distinguishes this process from an earlier one of the same silo name.</summary>
    public string Incarnation { get; }

    public IReadOnlyCollection<string> Devices => devices.Keys;

    public bool AllDraining
    {
        get
        {
            lock (gate)
            {
                return devices.Values.All(device => device.Draining);
            }
        }
    }

    /// <summary>
    /// Whether the device runs the attempt now: <paramref name="reserved"/> is the trial to start in the slot just
    /// taken, or null when the same attempt runs already. False when no slot is free, another attempt of the trial
    /// runs, the device drains or is unknown, or the silo is <paramref name="stopping"/>.
    /// </summary>
    public bool TryReserve(string device, TrialAssignment assignment, CancellationToken stopping, out RunningTrial? reserved)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        reserved = null;
        lock (gate)
        {
            if (stopping.IsCancellationRequested || !devices.TryGetValue(device, out var state) || state.Draining)
            {
                return false;
            }
            if (state.Running.TryGetValue(assignment.TrialKey, out var running))
            {
                // The same attempt dispatched twice (a coordinator retrying its call) runs once.
                return running.Assignment.Attempt == assignment.Attempt;
            }
            if (state.Running.Count >= state.Slots)
            {
                return false;
            }
            reserved = new RunningTrial(assignment, stopping);
            state.Running[assignment.TrialKey] = reserved;
            return true;
        }
    }

    public void Cancel(string trialKey)
    {
        lock (gate)
        {
            foreach (var state in devices.Values)
            {
                if (state.Running.TryGetValue(trialKey, out var trial))
                {
                    trial.Cancel();
                }
            }
        }
    }

    /// <summary>Marks the device draining (it takes no new trials); false when it is unknown or drains already.</summary>
    public bool TryDrain(string device)
    {
        lock (gate)
        {
            if (!devices.TryGetValue(device, out var state) || state.Draining)
            {
                return false;
            }
            state.Draining = true;
            return true;
        }
    }

    /// <summary>Marks every device draining; returns those that were not yet.</summary>
    public IReadOnlyList<string> DrainAll()
    {
        lock (gate)
        {
            var draining = devices.Where(pair => !pair.Value.Draining).Select(pair => pair.Key).ToArray();
            foreach (var name in draining)
            {
                devices[name].Draining = true;
            }
            return draining;
        }
    }

    /// <summary>Cancels the trials running on the devices as hand-offs, to resume elsewhere; returns them.</summary>
    public IReadOnlyList<RunningTrial> HandOff(IEnumerable<string> draining)
    {
        lock (gate)
        {
            var trials = draining.SelectMany(device => devices[device].Running.Values).ToArray();
            foreach (var trial in trials)
            {
                trial.HandOff();
            }
            return trials;
        }
    }

    public IReadOnlyList<RunningTrial> Running()
    {
        lock (gate)
        {
            return devices.Values.SelectMany(state => state.Running.Values).ToArray();
        }
    }

    /// <summary>The trial ended: its slot is free, and it is held as reporting until <see cref="Reported"/>.</summary>
    public void Release(string device, RunningTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (gate)
        {
            devices[device].Running.Remove(trial.Assignment.TrialKey);
            devices[device].Reporting.Add(trial.Assignment.TrialKey);
        }
        trial.DisposeCancellation();
    }

    /// <summary>The trial's outcome is reported (or given up on): it holds nothing here any more.</summary>
    public void Reported(string device, RunningTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (gate)
        {
            devices[device].Reporting.Remove(trial.Assignment.TrialKey);
        }
        trial.Complete();
    }

    /// <summary>The heartbeat of one device's worker: its slots and what holds them now.</summary>
    public WorkerHeartbeat Describe(string device)
    {
        lock (gate)
        {
            var state = devices.GetValueOrDefault(device);
            return new WorkerHeartbeat
            {
                WorkerId = WorkerKeys.Of(Silo, device),
                Silo = Silo,
                Device = device,
                Slots = state?.Slots ?? 0,
                Running = state?.Running.Keys.ToArray() ?? [],
                Reporting = state?.Reporting.ToArray() ?? [],
                Draining = state?.Draining ?? true,
                Incarnation = Incarnation,
            };
        }
    }

    private sealed class DeviceState(int slots)
    {
        public int Slots { get; } = slots;

        public bool Draining { get; set; }

        public Dictionary<string, RunningTrial> Running { get; } = [];

        /// <summary>Finished trials whose outcome is still being reported (their slots are free already).</summary>
        public HashSet<string> Reporting { get; } = [];
    }
}
