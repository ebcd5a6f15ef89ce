using Failover.Monitors.Health;

namespace Failover.Monitors.Ldap;

/// <summary>
/// Binds to one LDAP server (anonymously or with a simple bind) and reads one entry with a base search,
/// as REFERENCE §4 says: each run on a dedicated thread under an outer deadline, at most one in flight.
/// </summary>
/// <remarks>
/// libldap can block far past its own timeouts against a silent server (its bind had none at all until
/// <see cref="LibLdapTimeouts"/>), and its calls cannot be cancelled. So each run gets a fresh background thread (never a pool thread, which a hung bind would
/// steal for good), and <see cref="RunAsync"/> waits for it only until <see cref="LdapProbeOptions.Timeout"/>.
/// A thread that misses the deadline is left to finish or die on its own; until it does, runs are refused
/// at once instead of piling up more hung threads against the same server.
/// </remarks>
public sealed class LdapProbe : IProbe
{
    private readonly Lock _lock = new();
    private readonly LdapProbeOptions _options;
    private readonly LdapServer _server;
    private readonly LdapExchange _exchange;
    private readonly TimeProvider _time;
    private long _inFlightSince;
    private Task<ProbeResult>? _inFlight;

    public LdapProbe(string name, LdapProbeOptions options, TimeProvider? time = null)
        : this(name, options, LdapDirectoryClient.Exchange, time)
    {
    }

    internal LdapProbe(string name, LdapProbeOptions options, LdapExchange exchange, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(exchange);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"LDAP probe {name}: {string.Join("; ", errors)}", nameof(options));
        }
        LdapServer.TryParse(options.Server, out _server, out _);
        Name = name;
        _options = options;
        _exchange = exchange;
        _time = time ?? TimeProvider.System;
    }

    public string Name { get; }

    /// <summary>The run whose thread has not finished yet (it may be past its deadline), or null. Completes
    /// when the thread is done, after the slot is free.</summary>
    internal Task<ProbeResult>? InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var outcome = new TaskCompletionSource<ProbeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_inFlight is not null)
            {
                return Down($"previous LDAP probe still hung after {Duration.Format(_time.GetElapsedTime(_inFlightSince))}; " +
                    $"not starting another against {_server}", started);
            }
            _inFlight = outcome.Task;
            _inFlightSince = started;
        }

        var thread = new Thread(() => Work(outcome, started))
        {
            IsBackground = true, // a hung bind must not keep the daemon from exiting
            Name = $"ldap probe {Name}",
        };
        try
        {
            thread.Start();
        }
        catch (Exception e) when (e is OutOfMemoryException or ThreadStartException)
        {
            Finish(outcome, Down($"cannot start a probe thread: {e.Message}", started));
        }

        try
        {
            return await outcome.Task.WaitAsync(_options.Timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Down($"no answer from {_server} within {Duration.Format(_options.Timeout)}", started);
        }
    }

    /// <summary>The thread's body: everything that may block, including reading the password file.</summary>
    private void Work(TaskCompletionSource<ProbeResult> outcome, long started)
    {
        ProbeResult result;
        var query = new LdapQuery(_server, _options.BindDn, null, _options.BaseDn, _options.Filter,
            _options.ExpectedAttribute, _options.Timeout);
        try
        {
            query = query with { Password = Password() };
            result = Judge(_exchange(query), started);
        }
        catch (Exception e)
        {
            result = Down(LdapFailure.Describe(e, query), started);
        }
        Finish(outcome, result);
    }

    /// <summary>Frees the slot before completing, so whoever awaits the run can start the next one.</summary>
    private void Finish(TaskCompletionSource<ProbeResult> outcome, ProbeResult result)
    {
        lock (_lock)
        {
            if (_inFlight == outcome.Task)
            {
                _inFlight = null;
            }
        }
        outcome.TrySetResult(result);
    }

    private string? Password()
    {
        if (_options.PasswordFile is not { } file)
        {
            return _options.Password;
        }
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot read password file {file}: {e.Message}", e);
        }
        var password = text.TrimEnd('\n', '\r');
        if (password.Length == 0)
        {
            // Sent as is, an empty password would turn into an anonymous bind and "succeed".
            throw new IOException($"password file {file} is empty");
        }
        return password;
    }

    private ProbeResult Judge(LdapEntry? entry, long started)
    {
        var baseDn = LdapFailure.Shown(_options.BaseDn);
        if (entry is null)
        {
            return Down($"filter {_options.Filter} does not match {baseDn}", started);
        }
        var shown = string.Join(", ", entry.Values);
        if (_options.ExpectedAttribute is { } attribute)
        {
            if (entry.Values.Count == 0)
            {
                return Down($"entry found, attribute {attribute} missing" +
                    (_options.ExpectedValue is { } v ? $", expected {v}" : ""), started);
            }
            if (_options.ExpectedValue is { } expected && !entry.Values.Contains(expected, StringComparer.Ordinal))
            {
                return Down($"entry found, attribute {attribute} = {shown}, expected {expected}", started);
            }
        }
        var elapsed = _time.GetElapsedTime(started);
        var who = _options.BindDn is { } dn ? $"bound as {dn}" : "bound anonymously";
        var value = _options.ExpectedAttribute is { } a ? $", {a} = {shown}" : "";
        return ProbeResult.Up($"{who}, found {baseDn}{value} in {Duration.Format(elapsed)}", elapsed);
    }

    private ProbeResult Down(string reason, long started) => ProbeResult.Down(reason, _time.GetElapsedTime(started));
}
