"""Prints the generated check block of fp-convert.S. Expected values come from fpround.py."""
import sys
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fpround import rnd, decode, F
lines=[]; n=[0]
def num(): n[0]+=1; return n[0]
def emit(s): lines.append(s)
MODES=('rne','rtz','rdn','rup','rmm')
def bits(v,fmt):
    b,fl=rnd(F(v),fmt,'rne'); assert fl==0; return b
def rint(v,mode):
    fl=v.numerator//v.denominator; rem=v-fl
    if rem==0: return fl
    if mode=='rtz': return fl if v>0 else fl+1
    if mode=='rdn': return fl
    if mode=='rup': return fl+1
    if mode=='rne': return fl+1 if rem>F(1,2) or (rem==F(1,2) and fl%2) else fl
    if mode=='rmm': return fl+1 if rem>F(1,2) or (rem==F(1,2) and v>0) else fl
INT={'w':(-2**31,2**31-1,32,True),'wu':(0,2**32-1,32,False),'l':(-2**63,2**63-1,64,True),'lu':(0,2**64-1,64,False)}
def toint(fmt,it,b,modes=MODES):
    lo,hi,width,signed=INT[it]
    for mode in modes:
        v=decode(b,fmt)
        if v=='nan': r,fl=hi,0x10
        elif v=='inf': r,fl=hi,0x10
        elif v=='-inf': r,fl=lo,0x10
        else:
            i=rint(v,mode)
            if i>hi: r,fl=hi,0x10
            elif i<lo: r,fl=lo,0x10
            else: r,fl=i,(0 if i==v else 1)
        r &= (1<<width)-1
        if width==32 and r>>31: r|=0xffffffff00000000   # W results are sign-extended
        emit(f"    FP_TOX_{fmt.upper()} {num():3d}, fcvt.{it}.{fmt}, {mode}, {hex(r)}, {hex(fl)}, {hex(b)}, 0")
def fromint(fmt,it,x,modes=MODES):
    lo,hi,width,signed=INT[it]
    reg=x & ((1<<64)-1)
    v=x
    if width==32:
        v = x & 0xffffffff
        if signed and v>>31: v-=1<<32
    elif signed and v>>63: v-=1<<64
    elif not signed: v = x & ((1<<64)-1)
    for mode in modes:
        r,fl=rnd(F(v),fmt,mode) if v!=0 else (0,0)
        rm = "none" if (fmt=="d" and width==32) else mode   # exact: no rm operand
        emit(f"    FP_FROMX_{fmt.upper()} {num():3d}, fcvt.{fmt}.{it}, {rm}, {hex(r)}, {hex(fl)}, {hex(reg)}")
D=lambda v:bits(v,'d'); S=lambda v:bits(v,'s')
DNAN=0x7ff8000000000000; DSNAN=0x7ff0000000000001; DINF=0x7ff0000000000000; DS=1<<63
SNAN_S=0x7f800001; QNAN_S=0x7fc00000; INF_S=0x7f800000; SS=1<<31
emit("    /* Double to integer: rounding in every mode, then saturation with NV (NaN counts as +big). */")
toint('d','w',D(F(5,2))); toint('d','w',D(F(-5,2))); toint('d','w',D(F(-1,2)))
toint('d','w',D(2**31),('rtz',)); toint('d','w',D(2**31-F(1,2)),('rne','rtz')); toint('d','w',D(-2**31),('rne',)); toint('d','w',D(-2**31-F(1,2)),('rtz','rdn'))
toint('d','w',DINF,('rtz',)); toint('d','w',DINF|DS,('rtz',)); toint('d','w',DNAN,('rtz',)); toint('d','w',DNAN|DS,('rtz',)); toint('d','w',DSNAN,('rtz',))
toint('d','wu',D(F(-1,2)),('rtz','rdn','rne')); toint('d','wu',D(-1),('rtz',)); toint('d','wu',D(2**32-1),('rtz',)); toint('d','wu',D(2**32),('rtz',)); toint('d','wu',DNAN,('rtz',)); toint('d','wu',DINF|DS,('rtz',)); toint('d','wu',D(3*2**30),('rtz',))
toint('d','l',D(F(7,2)),('rne','rtz','rdn','rup','rmm')); toint('d','l',D(2**63),('rtz',)); toint('d','l',D(-2**63),('rtz',)); toint('d','l',D(2**62+2**10),('rtz',)); toint('d','l',DNAN,('rtz',)); toint('d','l',DINF|DS,('rtz',)); toint('d','l',D(-2**64),('rtz',))
toint('d','lu',D(-1),('rtz',)); toint('d','lu',D(F(-1,4)),('rtz','rdn')); toint('d','lu',D(2**64),('rtz',)); toint('d','lu',D(2**63),('rtz',)); toint('d','lu',DNAN,('rtz',)); toint('d','lu',D(2**64-2**11),('rtz',))
emit("    /* Single to integer. */")
toint('s','w',S(F(3,2))); toint('s','w',S(2**31),('rtz',)); toint('s','w',S(-2**31),('rtz',)); toint('s','w',QNAN_S,('rtz',)); toint('s','w',INF_S|SS,('rtz',))
toint('s','wu',S(-1),('rtz',)); toint('s','wu',S(F(-3,4)),('rtz','rne')); toint('s','wu',S(2**32),('rtz',)); toint('s','wu',S(2**31),('rtz',))
toint('s','l',S(F(-5,2))); toint('s','l',S(2**63),('rtz',)); toint('s','l',SNAN_S,('rtz',)); toint('s','l',S(-2**63),('rtz',))
toint('s','lu',S(F(5,2)),('rne','rmm')); toint('s','lu',S(-1),('rtz',)); toint('s','lu',S(2**64),('rtz',)); toint('s','lu',INF_S,('rtz',))
emit("    /* Integer to double and single: exact or rounded by mode. */")
fromint('d','w',-1,('rne',)); fromint('d','w',0x80000000,('rne',)); fromint('d','w',0x123456780000000a,('rne',))
fromint('d','wu',0xffffffffffffffff,('rne',)); fromint('d','wu',0,('rne',))
fromint('d','l',2**63-1); fromint('d','l',-(2**63)&(2**64-1),('rne',)); fromint('d','l',(-(2**53+1))&(2**64-1))
fromint('d','lu',2**64-1); fromint('d','lu',2**53+1,('rne','rup'))
fromint('s','w',2**24+1); fromint('s','w',(-(2**24+3))&(2**64-1),('rne','rtz','rdn'))
fromint('s','wu',0xffffffff,('rne','rtz')); fromint('s','l',2**63-1,('rne','rtz')); fromint('s','lu',2**64-1,('rne','rtz')); fromint('s','lu',2**25+1,('rdn','rup'))
emit("    /* Between formats: double to single rounds and may overflow or underflow; single to double is exact. */")
def d2s(b,modes=MODES):
    for mode in modes:
        v=decode(b,'d')
        if v=='nan': r,fl=QNAN_S,(0x10 if not (b>>51)&1 else 0)
        elif v=='inf': r,fl=INF_S,0
        elif v=='-inf': r,fl=INF_S|SS,0
        else: r,fl=rnd(v,'s',mode) if v!=0 else ((SS if b>>63 else 0),0)
        emit(f"    FP_R_DS {num():3d}, fcvt.s.d, {mode}, {hex(r)}, {hex(fl)}, {hex(b)}")
def s2d(b):
    v=decode(b,'s')
    if v=='nan': r,fl=DNAN,(0x10 if not (b>>22)&1 else 0)
    elif v=='inf': r,fl=DINF,0
    elif v=='-inf': r,fl=DINF|DS,0
    else: r,fl=rnd(v,'d','rne') if v!=0 else ((DS if b>>31 else 0),0)
    emit(f"    FP_R_SD {num():3d}, fcvt.d.s, {hex(r)}, {hex(fl)}, {hex(b)}")
d2s(D(1+F(1,2**24))); d2s(D(-(1+F(3,2**25))),('rne','rdn','rup')); d2s(0x7fefffffffffffff); d2s(D(F(1,2**149)),('rne','rup')); d2s(D(F(3,2**151)),('rne','rup')); d2s(DNAN|DS|5,('rne',)); d2s(DSNAN,('rne',)); d2s(DINF|DS,('rne',)); d2s(DS,('rne',)); d2s(D(F(1,2**127)),('rne',))
s2d(0x3eaaaaab); s2d(1); s2d(SNAN_S); s2d(QNAN_S|SS|7); s2d(INF_S|SS); s2d(SS); s2d(0x7f7fffff)
print("\n".join(lines))
print(n[0], file=sys.stderr)
