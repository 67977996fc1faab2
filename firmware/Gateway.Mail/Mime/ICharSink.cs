namespace Gateway.Mail.Mime;

/// <summary>Where a streaming decoder puts the chars it produces, one at a time.</summary>
public interface ICharSink
{
    void Put(char c);
}
