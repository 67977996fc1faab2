namespace System.Device.Adc
{
    public class AdcChannel : AdcChannelBase
    {
        internal AdcChannel() => throw new NotImplementedException();

        public override int ReadValue() => throw new NotImplementedException();
    }
}
