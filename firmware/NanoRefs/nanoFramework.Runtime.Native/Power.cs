using System;

namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) => throw new NotImplementedException();
    }
}
