package io.shopfloor.posting.gl;

import java.io.Serializable;

/**
 * The posting groups and global dimension values a value entry carries, as of its posting
 * (docs/general-ledger.md#posting-groups-of-a-value-entry). The G/L derivation reads the accounts through them, so a
 * later change of a card changes no entry posted before it. Blank codes are "".
 */
public record ValuePostingGroups(String genBusPostingGroup, String genProdPostingGroup,
                                 String inventoryPostingGroup, String globalDimension1Code,
                                 String globalDimension2Code) implements Serializable {
    public static final ValuePostingGroups NONE = new ValuePostingGroups("", "", "", "", "");

    public ValuePostingGroups {
        genBusPostingGroup = blankIfNull(genBusPostingGroup);
        genProdPostingGroup = blankIfNull(genProdPostingGroup);
        inventoryPostingGroup = blankIfNull(inventoryPostingGroup);
        globalDimension1Code = blankIfNull(globalDimension1Code);
        globalDimension2Code = blankIfNull(globalDimension2Code);
    }

    private static String blankIfNull(String code) {
        return code == null ? "" : code;
    }
}
