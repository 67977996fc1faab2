using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    // Overloads are a subset of the real ones: each call in the tests binds to the same overload as
    // against the full set (int and string AreEqual; no other overload is a better match for them).
    public sealed class Assert
    {
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => throw new NotImplementedException();

        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") => throw new NotImplementedException();

        public static void IsNotNull([NotNull] object value, [CallerArgumentExpression(nameof(value))] string message = "") => throw new NotImplementedException();

        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "") => throw new NotImplementedException();

        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") => throw new NotImplementedException();

        [DoesNotReturn]
        public static void SkipTest(string message = null) => throw new NotImplementedException();
    }
}
