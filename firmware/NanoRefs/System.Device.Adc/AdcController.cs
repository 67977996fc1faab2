namespace System.Device.Adc
{
    public class AdcController : AdcControllerBase
    {
        public AdcController() => throw new NotImplementedException();

        public override int MaxValue => throw new NotImplementedException();

        public override AdcChannel OpenChannel(int channelNumber) => throw new NotImplementedException();
    }
}
