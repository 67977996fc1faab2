namespace Gateway.Core.Frames;

/// <summary>What a header's checksum says about the bytes.</summary>
public enum ChecksumStatus
{
    /// <summary>No checksum was checked (the layer is absent).</summary>
    None = 0,
    Valid,
    /// <summary>The bytes do not add up: corruption, or a bug in the sender.</summary>
    Invalid,
    /// <summary>Cannot be checked: a UDP sender over IPv4 that sent no checksum (zero).</summary>
    NotVerifiable,
    /// <summary>
    /// Cannot be checked because the sender left it to the network card: the field holds only the
    /// pseudo-header sum (Linux loopback captures). Not corruption.
    /// </summary>
    NotVerifiableOffloaded,
}
