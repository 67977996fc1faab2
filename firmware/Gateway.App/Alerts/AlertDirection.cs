namespace Gateway.App.Alerts;

public enum AlertDirection
{
    /// <summary>Alarm when the value rises above the threshold.</summary>
    Above = 1,

    /// <summary>Alarm when the value falls below the threshold.</summary>
    Below = 2,
}
