using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 for one symbol (GCC 13's iostream start-up),
// which Debian 12's libstdc++ lacks, so the library fails to load. Marking that one version requirement weak
// (VER_FLG_WEAK in its Elf64_Vernaux entry) lets it load; on systems with a newer libstdc++ nothing changes.
public class WeakenGlibcxxRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public string VersionName { get; set; } = "GLIBCXX_3.4.32";

    public override bool Execute()
    {
        foreach (var library in Libraries)
        {
            var path = library.ItemSpec;
            if (!File.Exists(path))
            {
                continue;
            }
            try
            {
                if (Weaken(path, VersionName))
                {
                    Log.LogMessage(MessageImportance.Normal, $"Marked {VersionName} weak in {path}");
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"Could not mark {VersionName} weak in {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <returns>true when the file was changed; false when it was already weak or never asked for the version.</returns>
    private static bool Weaken(string path, string versionName)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }
        var sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        var changed = false;
        for (var i = 0; i < sectionCount; i++)
        {
            var header = (int)(sectionTable + (long)i * entrySize);
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }
            var offset = (int)BitConverter.ToUInt64(elf, header + 0x18);
            var stringsHeader = (int)(sectionTable + (long)BitConverter.ToUInt32(elf, header + 0x28) * entrySize);
            var strings = (int)BitConverter.ToUInt64(elf, stringsHeader + 0x18);
            var need = offset;
            while (true)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8));
                    var flags = BitConverter.ToUInt16(elf, aux + 4);
                    if (name == versionName && (flags & VerFlagWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, aux + 4);
                        changed = true;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                var next = (int)BitConverter.ToUInt32(elf, need + 12);
                if (next == 0)
                {
                    break;
                }
                need += next;
            }
        }
        if (changed)
        {
            File.WriteAllBytes(path, elf);
        }
        return changed;
    }

    private static string ReadString(byte[] data, int start)
    {
        var end = Array.IndexOf(data, (byte)0, start);
        return Encoding.ASCII.GetString(data, start, end - start);
    }
}
