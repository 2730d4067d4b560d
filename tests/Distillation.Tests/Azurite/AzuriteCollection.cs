using FaceKdGrid.TestSupport.Azurite;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Azurite;

/// <summary>Test classes in this collection share one Azurite and run one after another, so a test that stops it
/// (an outage) never pulls storage from under another.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
