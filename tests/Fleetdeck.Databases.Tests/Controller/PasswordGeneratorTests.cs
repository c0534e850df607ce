using Fleetdeck.Databases.Controller;

namespace Fleetdeck.Databases.Tests.Controller;

public sealed class PasswordGeneratorTests
{
    [Fact]
    public void Passwords_are_40_url_safe_characters_and_do_not_repeat()
    {
        var generator = new RandomPasswordGenerator();
        var passwords = Enumerable.Range(0, 1000).Select(_ => generator.NewPassword()).ToList();

        passwords.ShouldAllBe(p => p.Length == 40 && p.All(char.IsAsciiLetterOrDigit));
        passwords.Distinct().Count().ShouldBe(1000);
        // Every character of the alphabet turns up: no accidental narrowing of the source.
        string.Concat(passwords).Distinct().Count().ShouldBe(62);
    }
}
