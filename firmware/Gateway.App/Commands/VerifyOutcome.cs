namespace Gateway.App.Commands;

/// <summary>The result of checking a command mail, one value per reason it can be refused, in the order of the checks.</summary>
public enum VerifyOutcome
{
    Accepted = 0,

    /// <summary>No unquoted gateway-auth: line.</summary>
    MissingAuth = 1,

    /// <summary>The auth line or the block is malformed (bad field, cut short, line too long).</summary>
    Malformed = 2,

    /// <summary>Signed for another device id.</summary>
    WrongDevice = 3,

    /// <summary>The timestamp is more than the window behind the device's clock.</summary>
    Expired = 4,

    /// <summary>The timestamp is more than the window ahead of the device's clock.</summary>
    FromTheFuture = 5,

    /// <summary>The MAC does not match: forged, altered, or signed with another key.</summary>
    BadSignature = 6,

    /// <summary>The nonce was seen before, or the timestamp is at or below the journal's floor.</summary>
    Replayed = 7,

    /// <summary>Valid, but the nonce could not be recorded: nothing was executed.</summary>
    NotRecorded = 8,
}
