using System.Text;
using MailKit;

namespace Failover.Mail.Smtp;

/// <summary>
/// Follows MailKit's SMTP dialogue only to name the step a failure happened in ("greeting", "EHLO",
/// "STARTTLS", "AUTH PLAIN", "DATA"), as an alert that did not go out must say. It keeps the command verb and
/// nothing else: no argument, no AUTH payload, no message line.
/// </summary>
internal sealed class SmtpDialogue : IProtocolLogger
{
    /// <summary>The step once the client sends the message itself (after DATA's 354, or with BDAT).</summary>
    public const string MessageStep = "the message";

    // RSET and QUIT are not here: MailKit sends them to clean up after a failure, which must keep its step.
    private static readonly string[] Verbs = ["EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "BDAT"];
    private bool _sendingData;

    /// <summary>The step under way: "greeting" until the first command, then the last command sent.</summary>
    public string Step { get; private set; } = "greeting";

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        if (_sendingData)
        {
            return;
        }
        foreach (var line in Encoding.ASCII.GetString(buffer, offset, count).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ', 3);
            var verb = words[0].ToUpperInvariant();
            if (!Verbs.Contains(verb))
            {
                continue; // an AUTH continuation, RSET or QUIT: the step stays
            }
            if (verb == "BDAT")
            {
                // CHUNKING: the message's bytes follow the BDAT line in the same write; they are not commands.
                Step = MessageStep;
                _sendingData = true;
                return;
            }
            Step = verb switch
            {
                "AUTH" when words.Length > 1 => $"AUTH {words[1].ToUpperInvariant()}",
                "MAIL" => "MAIL FROM",
                "RCPT" => "RCPT TO",
                _ => verb,
            };
        }
    }

    /// <summary>After DATA's 354 the client sends the message: its lines are not commands (and a BDAT's bytes
    /// end with the server's reply to them).</summary>
    public void LogServer(byte[] buffer, int offset, int count)
    {
        var text = Encoding.ASCII.GetString(buffer, offset, count);
        if (Step == "DATA" && text.Contains("354 ", StringComparison.Ordinal))
        {
            _sendingData = true;
            Step = MessageStep;
        }
        else if (_sendingData)
        {
            _sendingData = false;
        }
    }

    public void Dispose()
    {
    }
}
