using Failover.Peer.Tests.Support;
using Failover.Peer.Wire;

namespace Failover.Peer.Tests.Wire;

public sealed class PeerGreetingTests
{
    [Fact]
    public void Hello_and_welcome_round_trip()
    {
        var hello = new PeerGreeting(Samples.Nonce(1), [], "varda", "manwe");
        var back = PeerGreeting.TryDecode(hello.Encode(), withEcho: false)!;
        Assert.Equal(("varda", "manwe"), (back.From, back.To));
        Assert.Equal(hello.Nonce, back.Nonce);
        Assert.Empty(back.Echo);

        var welcome = new PeerGreeting(Samples.Nonce(2), Samples.Nonce(1), "manwe", "varda");
        var echoed = PeerGreeting.TryDecode(welcome.Encode(), withEcho: true)!;
        Assert.Equal(Samples.Nonce(1), echoed.Echo);
        Assert.Equal("manwe", echoed.From);
    }

    [Fact]
    public void Every_truncation_and_an_extension_decode_to_null()
    {
        var bytes = new PeerGreeting(Samples.Nonce(1), [], "varda", "manwe").Encode();
        for (var length = 0; length < bytes.Length; length++)
            Assert.Null(PeerGreeting.TryDecode(bytes[..length], withEcho: false));
        Assert.Null(PeerGreeting.TryDecode([.. bytes, 0], withEcho: false));
    }

    [Fact]
    public void Invalid_utf8_names_decode_to_null()
    {
        byte[] bytes = [.. Samples.Nonce(1), 1, 0xFF, 1, (byte)'a'];
        Assert.Null(PeerGreeting.TryDecode(bytes, withEcho: false));
    }
}
