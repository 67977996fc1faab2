namespace Gateway.App.Alerts;

/// <summary>What one reading did to a rule.</summary>
public enum AlertEvent
{
    None = 0,

    /// <summary>The value crossed the threshold: send an alert.</summary>
    Alarm = 1,

    /// <summary>The value came back past the hysteresis band after an alert: send a recovery mail.</summary>
    Recovery = 2,

    /// <summary>The value crossed again, but sooner than the rule's minimum interval: no mail.</summary>
    Suppressed = 3,
}
