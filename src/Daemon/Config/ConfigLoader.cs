namespace Failover.Daemon.Config;

/// <summary>Loads failover.yaml and reports every problem with FILE:LINE:COL.</summary>
public static class ConfigLoader
{
    public static ConfigLoadResult Load(string path)
    {
        string text;
        try
        {
            if (Directory.Exists(path))
                return Failed(path, "is a directory, not a configuration file");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(path, "cannot read the configuration: no such file");
        }
        catch (UnauthorizedAccessException)
        {
            return Failed(path, "cannot read the configuration: permission denied");
        }
        catch (IOException e)
        {
            return Failed(path, $"cannot read the configuration: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>
    /// Validates YAML text. Touches the file system only to read and check password_file entries.
    /// </summary>
    /// <param name="fileNameForErrors">The FILE part of every error.</param>
    public static ConfigLoadResult Parse(string yamlText, string fileNameForErrors)
    {
        var errors = new ConfigErrorCollector(fileNameForErrors);
        if (!YamlTreeReader.TryRead(yamlText, errors, out var root))
            return new ConfigLoadResult(null, errors.InFileOrder());

        var config = FailoverConfigBinder.Bind(root, errors);
        return errors.Count == 0 && config is not null
            ? new ConfigLoadResult(config, [])
            : new ConfigLoadResult(null, errors.InFileOrder());
    }

    private static ConfigLoadResult Failed(string path, string message) =>
        new(null, [new ConfigError(path, 1, 1, message)]);
}
