using System.Text;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Audio;

public sealed class BorrowedContentTests
{
    [Fact]
    public async Task A_requests_stream_is_sent_from_where_it_was_as_often_as_needed_and_never_disposed()
    {
        using var audio = new MemoryStream(Encoding.ASCII.GetBytes("..audio"));
        audio.Position = 2;
        var request = new TranscriptionRequest { Model = "m", FileStream = audio, FileName = "a.wav", FileContentType = "audio/wav" };

        for (var send = 0; send < 2; send++) // a failover sends it again
        {
            using var content = BorrowedContent.Of(request);
            Assert.Equal("audio/wav", content.Headers.ContentType!.MediaType);
            Assert.Equal(5, content.Headers.ContentLength);
            Assert.Equal("audio", await content.ReadAsStringAsync());
        }

        Assert.True(audio.CanRead);
        Assert.Equal(2, audio.Position);
    }

    [Fact]
    public async Task A_requests_bytes_are_sent_with_the_default_content_type_and_an_unreadable_stream_is_rejected()
    {
        using var content = BorrowedContent.Of(new TranscriptionRequest { Model = "m", File = new byte[] { 1, 2, 3 }, FileName = "a.wav" });
        Assert.Equal("application/octet-stream", content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 1, 2, 3 }, await content.ReadAsByteArrayAsync());

        var closed = new MemoryStream();
        closed.Dispose();
        Assert.Throws<ArgumentException>(() => BorrowedContent.Of(closed));
    }
}
