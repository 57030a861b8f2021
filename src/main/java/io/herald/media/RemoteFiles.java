package io.herald.media;

/**
 * Files at a URL a client names ({@code POST /upload-from-url}), fetched under Herald's image fetch
 * rules: http(s) only, public hosts only (unless the settings allow private ones), at most the
 * image size limit, within the image timeout. The integrations module, which fetches posts'
 * images the same way, provides it.
 */
public interface RemoteFiles {

    /**
     * The file's bytes and a name for it (the last segment of the URL's path).
     *
     * @throws RemoteFileException when the URL is refused or the file cannot be fetched
     */
    RemoteFile fetch(String url);

    record RemoteFile(byte[] bytes, String fileName) {}
}
