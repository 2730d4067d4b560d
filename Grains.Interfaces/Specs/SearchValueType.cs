namespace FaceKdGrid.Grains.Specs;

/// <summary>The type of a search-space key's values.</summary>
public enum SearchValueType
{
    Real,
    Integer,
    Category,
}
